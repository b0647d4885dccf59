#pragma once
// Sheet problem 3: two inputs, a linear layer, batch normalization, sigmoid,
// outputs y_j = v_j h_j, L = 1/(2N) sum_i sum_j (y_j(i) - d_j(i))^2: dL/dgamma and
// dL/dbeta from ctnn's backward pass, from the closed form
//   g_j(i) = (1/N) (y_j(i) - d_j(i)) v_j h_j(i) (1 - h_j(i)),
//   dL/dgamma_j = sum_i g_j(i) xhat_j(i),  dL/dbeta_j = sum_i g_j(i),
// and from a central finite difference.
#include <array>
#include <cmath>
#include <ctnn/ctnn.hpp>
#include <vector>

namespace sheet3 {

using namespace ctnn;
using Net = Network<Input<2>, Dense<2, no_bias>, BatchNorm, Sigmoid, Scale>;

struct Sample {
  double x[2], d[2];
};

inline const std::vector<Sample> default_batch = {
    {{0.5, 1.0}, {0.2, 0.7}}, {{-1.0, 0.3}, {0.9, 0.1}}, {{2.0, -0.5}, {0.4, 0.4}}, {{0.1, 0.8}, {0.6, 0.3}}};

// One quantity three ways.
struct Triple {
  double backprop, closed_form, finite_difference;
};

struct Result {
  double loss = 0;
  std::array<double, 4> w{};  // Dense's weights, row-major
  std::array<double, 2> v{}, gamma{}, beta{};
  std::array<Triple, 2> dgamma{}, dbeta{};
};

inline Result compute(const std::vector<Sample>& batch, std::uint64_t seed) {
  const auto n = static_cast<count_t>(batch.size());
  Model<Net, double> m(n, seed);
  // v away from 1 so that its factor in g_j shows.
  m.params_of<3>()[0] = 0.8;
  m.params_of<3>()[1] = -1.3;
  const count_t s = m.stride();
  std::vector<double, AlignedAllocator<double>> targets(static_cast<std::size_t>(2 * s), 0.0);
  for (count_t i = 0; i < n; ++i) {
    const Sample& b = batch[static_cast<std::size_t>(i)];
    m.set_input(i, b.x);
    for (int j = 0; j < 2; ++j) targets[static_cast<std::size_t>(j * s + i)] = b.d[j];
  }
  m.clear_padding(n);
  const MeanSquaredError loss{.half_sum = true};
  const Targets<double> t{{}, targets.data()};

  Result r;
  r.loss = compute_gradients(m, n, loss, t);
  const double* z = m.activation<0>();
  const double* h = m.activation<2>();
  const double* y = m.output();
  auto bn = m.params_of<1>();  // gamma[2], then beta[2]
  const auto grads = m.grads_of<1>();
  for (int k = 0; k < 4; ++k) r.w[static_cast<std::size_t>(k)] = m.params_of<0>()[static_cast<std::size_t>(k)];

  auto difference = [&](double& p) {
    const double saved = p, step = 1e-6;
    p = saved + step;
    m.forward(n, true);
    const double up = loss(m, n, t);
    p = saved - step;
    m.forward(n, true);
    const double down = loss(m, n, t);
    p = saved;
    return (up - down) / (2 * step);
  };
  for (std::size_t j = 0; j < 2; ++j) {
    const auto row = static_cast<count_t>(j) * s;
    double mean = 0, var = 0;
    for (count_t i = 0; i < n; ++i) mean += z[row + i] / static_cast<double>(n);
    for (count_t i = 0; i < n; ++i) var += (z[row + i] - mean) * (z[row + i] - mean) / static_cast<double>(n);
    double dgamma = 0, dbeta = 0;
    for (count_t i = 0; i < n; ++i) {
      const double xhat = (z[row + i] - mean) / std::sqrt(var + BatchNorm::epsilon);
      const double g = (y[row + i] - targets[static_cast<std::size_t>(row + i)]) * m.params_of<3>()[j] * h[row + i] *
                       (1 - h[row + i]) / static_cast<double>(n);
      dgamma += g * xhat;
      dbeta += g;
    }
    r.v[j] = m.params_of<3>()[j];
    r.gamma[j] = bn[j];
    r.beta[j] = bn[2 + j];
    r.dgamma[j] = {grads[j], dgamma, difference(bn[j])};
    r.dbeta[j] = {grads[2 + j], dbeta, difference(bn[2 + j])};
  }
  return r;
}

}  // namespace sheet3
