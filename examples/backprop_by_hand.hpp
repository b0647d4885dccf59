#pragma once
// Sheet problem 1 as a ctnn network: three inputs, one shared pair of weights
// (w1, w2) sliding as a 1-D convolution (kernel 2, stride 1, no padding, no
// bias), ReLU, a 2x2 dense layer (w3..w6, no bias), softmax, J = -ln y1.
// Everything here is constexpr: the compiler can run the whole computation.
#include <array>
#include <ctnn/ctnn.hpp>
#include <ostream>

namespace sheet1 {

using Net = ctnn::Network<ctnn::Input<3, 1>, ctnn::Conv1D<1, 2, ctnn::no_bias>, ctnn::ReLU, ctnn::Flatten,
                          ctnn::Dense<2, ctnn::no_bias>, ctnn::Softmax>;

struct Result {
  std::array<double, 3> x{};
  std::array<double, 6> w{};
  double eta = 0;
  std::array<double, 2> a{}, q{}, z{}, y{}, dz{};  // a: before ReLU
  double J = 0;
  std::array<double, 6> dw{}, delta{};  // dJ/dw_k and eta dJ/dw_k
};

constexpr Result compute(std::array<double, 3> x, std::array<double, 6> w, double eta) {
  ctnn::Model<Net, double> m(1);
  // Conv1D's weights are (w1, w2); Dense's are row-major: z1 = w3 q1 + w4 q2, z2 = w5 q1 + w6 q2.
  auto conv = m.params_of<0>();
  auto dense = m.params_of<3>();
  conv[0] = w[0];
  conv[1] = w[1];
  for (int k = 0; k < 4; ++k) dense[static_cast<std::size_t>(k)] = w[static_cast<std::size_t>(k) + 2];
  m.set_input(0, x.data());
  m.clear_padding(1);
  const std::int32_t label[1] = {0};  // J = -ln y1: class 1 of the sheet, index 0 here
  Result r{x, w, eta, {}, {}, {}, {}, {}, 0, {}, {}};
  r.J = ctnn::compute_gradients(m, 1, ctnn::CrossEntropy{}, ctnn::Targets<double>{label});
  const auto s = m.stride();
  for (int i = 0; i < 2; ++i) {
    r.a[i] = m.activation<0>()[i * s];
    r.q[i] = m.activation<1>()[i * s];
    r.z[i] = m.activation<3>()[i * s];
    r.y[i] = m.output(0, i);
    r.dz[i] = m.output_gradient()[i * s];  // the fused softmax + cross-entropy gradient, y - onehot
  }
  for (int k = 0; k < 2; ++k) r.dw[k] = m.grads_of<0>()[static_cast<std::size_t>(k)];
  for (int k = 0; k < 4; ++k) r.dw[k + 2] = m.grads_of<3>()[static_cast<std::size_t>(k)];
  for (int k = 0; k < 6; ++k) r.delta[k] = eta * r.dw[k];
  return r;
}

inline constexpr std::array<double, 3> sheet_x{0.5, 1.0, -0.5};
inline constexpr std::array<double, 6> sheet_w{1, 1, 1, 1, 1, 1};
inline constexpr double sheet_eta = 0.1;

void print_report(std::ostream& os, const Result& r);

}  // namespace sheet1
