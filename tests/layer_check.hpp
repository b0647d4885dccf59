#pragma once
// Shared checks for every layer kind: backprop against finite differences in
// double, and the fast kernels against the plain-loop references in float.
#include <ctnn/ctnn.hpp>
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ctnn::testing {

// Random inputs and dense targets for a batch of n (padding columns zero).
template <class Net, class T>
std::vector<T, AlignedAllocator<T>> random_batch(Model<Net, T>& m, count_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<T> sample(static_cast<std::size_t>(Net::input_shape.size()));
  for (count_t b = 0; b < n; ++b) {
    for (auto& x : sample) x = static_cast<T>(rng.uniform(-1, 1));
    m.set_input(b, sample.data());
  }
  m.clear_padding(n);
  std::vector<T, AlignedAllocator<T>> targets(static_cast<std::size_t>(Net::output_shape.size() * m.stride()), T(0));
  for (count_t f = 0; f < Net::output_shape.size(); ++f)
    for (count_t b = 0; b < n; ++b) targets[static_cast<std::size_t>(f * m.stride() + b)] = static_cast<T>(rng.uniform(0, 1));
  return targets;
}

// Backprop matches central differences to 1e-6 (relative), parameters and inputs.
template <class Net, class Loss = MeanSquaredError>
GradientCheckResult check_gradients(count_t n, GradientCheckOptions options = {}, std::uint64_t seed = 7,
                                    Loss loss = {}) {
  Model<Net, double> m(n + 3, seed);  // a batch smaller than the maximum: padding columns in play
  // Non-zero biases and betas so that every term of every gradient is exercised.
  Rng rng(seed + 1);
  for (auto& p : m.params())
    if (p == 0.0) p = rng.uniform(-0.5, 0.5);
  auto targets = random_batch(m, n, seed + 2);
  const auto r = gradient_check(m, n, loss, Targets<double>{{}, targets.data()}, options);
  INFO("worst: " << r.worst);
  CHECK(r.params_checked + r.inputs_checked > 0);
  CHECK(r.max_param_error < 1e-6);
  CHECK(r.max_input_error < 1e-6);
  return r;
}

// The fast kernels give what the plain loops give, in float, for a batch of
// n inside a maximum batch of max_batch (odd sizes: padding and tails).
template <class Net>
void check_fast_matches_reference(count_t max_batch, count_t n, double tolerance = 2e-5) {
  Model<Net, float> fast(max_batch, 11), plain(max_batch, 11);
  plain.reference = true;
  Rng rng(12);
  for (auto& p : fast.params()) p = p == 0.0f ? static_cast<float>(rng.uniform(-0.5, 0.5)) : p;
  std::copy(fast.params().begin(), fast.params().end(), plain.params().begin());
  auto targets = random_batch(fast, n, 13);
  random_batch(plain, n, 13);
  const Targets<float> t{{}, targets.data()};
  compute_gradients(fast, n, MeanSquaredError{}, t, true);
  compute_gradients(plain, n, MeanSquaredError{}, t, true);

  auto close = [&](float a, float b) { return std::abs(a - b) <= tolerance * std::max(1.0f, std::abs(b)); };
  count_t bad = 0;
  for (count_t f = 0; f < Net::output_shape.size(); ++f)
    for (count_t b = 0; b < n; ++b) bad += !close(fast.output(b, f), plain.output(b, f));
  CHECK_MESSAGE(bad == 0, bad << " outputs differ");
  bad = 0;
  for (std::size_t i = 0; i < fast.grads().size(); ++i) bad += !close(fast.grads()[i], plain.grads()[i]);
  CHECK_MESSAGE(bad == 0, bad << " parameter gradients differ");
  bad = 0;
  for (count_t f = 0; f < Net::input_shape.size(); ++f)
    for (count_t b = 0; b < fast.stride(); ++b) {
      const auto at = static_cast<std::size_t>(f * fast.stride() + b);
      bad += !close(fast.input_gradient()[at], plain.input_gradient()[at]);
      if (b >= n) bad += fast.input_gradient()[at] != 0.0f;  // padding gradients stay zero
    }
  CHECK_MESSAGE(bad == 0, bad << " input gradients differ");
}

}  // namespace ctnn::testing
