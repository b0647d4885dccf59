// Sheet problem 3: ctnn's batch-norm gradients equal the closed form.
#include <doctest/doctest.h>

#include "../examples/batchnorm_gradients.hpp"

namespace {
void agree(const sheet3::Triple& t) {
  CHECK(std::abs(t.backprop - t.closed_form) <= 1e-12 * std::max(1.0, std::abs(t.closed_form)));
  CHECK(std::abs(t.backprop - t.finite_difference) <= 1e-7 * std::max(1.0, std::abs(t.closed_form)));
}
}  // namespace

TEST_CASE("dL/dgamma and dL/dbeta: backprop = closed form (1e-12) = finite difference (1e-7)") {
  for (std::uint64_t seed : {3u, 4u, 5u}) {
    const auto r = sheet3::compute(sheet3::default_batch, seed);
    for (std::size_t j = 0; j < 2; ++j) {
      agree(r.dgamma[j]);
      agree(r.dbeta[j]);
    }
    CHECK(r.dbeta[1].backprop != 0.0);
  }
}

TEST_CASE("a batch of 2 (the smallest with batch statistics) agrees too") {
  const std::vector<sheet3::Sample> two = {{{0.3, -0.2}, {1.0, 0.0}}, {{-0.7, 0.9}, {0.0, 1.0}}};
  const auto r = sheet3::compute(two, 9);
  for (std::size_t j = 0; j < 2; ++j) {
    agree(r.dgamma[j]);
    agree(r.dbeta[j]);
  }
}
