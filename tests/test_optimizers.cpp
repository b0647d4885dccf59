// Optimizers, initializers and losses against their formulas written out here.
#include <doctest/doctest.h>

#include <cmath>

#include "layer_check.hpp"

using namespace ctnn;

TEST_CASE("Adam follows Keras's update: lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)") {
  std::vector<double> p{1.0, -2.0}, g{0.5, -0.25};
  Adam adam(0.01);
  double m[2] = {0, 0}, v[2] = {0, 0}, expect[2] = {1.0, -2.0};
  for (int t = 1; t <= 3; ++t) {
    adam.step(std::span<double>(p), std::span<const double>(g));
    const double alpha = 0.01 * std::sqrt(1 - std::pow(0.999, t)) / (1 - std::pow(0.9, t));
    for (int i = 0; i < 2; ++i) {
      m[i] = 0.9 * m[i] + 0.1 * g[static_cast<std::size_t>(i)];
      v[i] = 0.999 * v[i] + 0.001 * g[static_cast<std::size_t>(i)] * g[static_cast<std::size_t>(i)];
      expect[i] -= alpha * m[i] / (std::sqrt(v[i]) + 1e-7);
      CHECK(p[static_cast<std::size_t>(i)] == doctest::Approx(expect[i]).epsilon(1e-14));
    }
  }
  CHECK(adam.iterations() == 3);
}

TEST_CASE("SGD: plain steps, and Keras's momentum v = mu v - lr g; p += v") {
  std::vector<float> p{1.0f}, g{2.0f};
  SGD plain(0.1);
  plain.step(std::span<float>(p), std::span<const float>(g));
  CHECK(p[0] == doctest::Approx(0.8f));
  std::vector<double> q{1.0}, h{2.0};
  SGD momentum(0.1, 0.9);
  momentum.step(std::span<double>(q), std::span<const double>(h));  // v = -0.2
  momentum.step(std::span<double>(q), std::span<const double>(h));  // v = -0.18 - 0.2
  CHECK(q[0] == doctest::Approx(1.0 - 0.2 - 0.38));
}

TEST_CASE("Glorot uniform: Dense weights within +-sqrt(6 / (in + out)), biases zero, a seed fixes them") {
  using Net = Network<Input<300>, Dense<100>>;
  Model<Net> a(1, 9), b(1, 9), c(1, 10);
  const auto w = a.params_of<0>();
  const double limit = std::sqrt(6.0 / 400);
  double sum_sq = 0;
  int outside = 0;
  for (std::size_t i = 0; i < 30000; ++i) {
    outside += std::abs(w[i]) > limit;
    sum_sq += w[i] * w[i];
  }
  CHECK(outside == 0);
  CHECK(std::sqrt(sum_sq / 30000) == doctest::Approx(limit / std::sqrt(3.0)).epsilon(0.02));
  CHECK(std::all_of(w.begin() + 30000, w.end(), [](float b) { return b == 0.0f; }));
  CHECK(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
  CHECK(!std::equal(a.params().begin(), a.params().end(), c.params().begin()));
}

TEST_CASE("He and LeCun initializers have their variances") {
  using Net = Network<Input<400>, Dense<200, no_bias>>;
  for (auto [init, variance] : {std::pair{Init::he_normal, 2.0 / 400}, std::pair{Init::he_uniform, 2.0 / 400},
                                std::pair{Init::lecun_normal, 1.0 / 400}, std::pair{Init::lecun_uniform, 1.0 / 400}}) {
    Model<Net> m(1, 5, init);
    double sum_sq = 0;
    for (float x : m.params_of<0>()) sum_sq += double(x) * x;
    CHECK(sum_sq / 80000 == doctest::Approx(variance).epsilon(0.03));
  }
}

TEST_CASE("cross-entropy: the fused form gives -ln y_target, and without softmax clips as Keras") {
  Model<Network<Input<3>, Softmax>, double> fused(2);
  const double logits[3] = {1.0, 2.0, 0.5};
  fused.set_input(0, logits);
  fused.clear_padding(1);
  fused.forward(1);
  const std::int32_t label[1] = {1};
  const double loss = CrossEntropy{}(fused, 1, Targets<double>{label});
  CHECK(loss == doctest::Approx(-std::log(fused.output(0, 1))).epsilon(1e-14));
  CHECK(fused.output_gradient()[1 * fused.stride()] == doctest::Approx(fused.output(0, 1) - 1));

  Model<Network<Input<2>, ReLU>, double> probs(1);
  const double p[2] = {0.0, 1.0};  // log(0) would be infinite: Keras clips to 1e-7
  probs.set_input(0, p);
  probs.forward(1);
  const std::int32_t zero[1] = {0};
  CHECK(CrossEntropy{}(probs, 1, Targets<double>{zero}) == doctest::Approx(-std::log(1e-7)));
}

TEST_CASE("MSE: Keras's mean over outputs and samples, or the sheet's 1/(2N) sum") {
  Model<Network<Input<3>, ReLU>, double> m(2);
  const double a[3] = {1.0, 2.0, 0.0}, b[3] = {3.0, 0.0, 1.0};  // targets zero: squares sum to 15
  m.set_input(0, a);
  m.set_input(1, b);
  m.clear_padding(2);
  m.forward(2);
  std::vector<double, AlignedAllocator<double>> t(static_cast<std::size_t>(3 * m.stride()), 0.0);
  CHECK(MeanSquaredError{}(m, 2, Targets<double>{{}, t.data()}) == doctest::Approx(15.0 / 6));
  CHECK(m.output_gradient()[0] == doctest::Approx(2.0 * 1.0 / 6));  // 2 (y - t) / (N F)
  CHECK(MeanSquaredError{.half_sum = true}(m, 2, Targets<double>{{}, t.data()}) == doctest::Approx(15.0 / 4));
  CHECK(m.output_gradient()[0] == doctest::Approx(1.0 / 2));  // (y - t) / N
}
