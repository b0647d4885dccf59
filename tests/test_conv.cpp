// Conv2D and Conv1D: the convention pinned on hand-computed cases, gradients
// against finite differences, the SIMD kernels against the plain loops.
#include "layer_check.hpp"

using namespace ctnn;
using ctnn::testing::check_fast_matches_reference;
using ctnn::testing::check_gradients;

namespace {

// Two samples of a 3x3 image: 1..9 row by row, and its negative.
template <class Net, class T>
void set_ramp(Model<Net, T>& m) {
  T a[9], b[9];
  for (int i = 0; i < 9; ++i) a[i] = T(i + 1), b[i] = -a[i];
  m.set_input(0, a);
  m.set_input(1, b);
  m.clear_padding(2);
}

// Weights [ky][kx] = {{1, 2}, {3, 4}}, bias 0.5 (dense: the batch is 2).
template <class Net, class T>
Model<Net, T> ramp_model(bool reference) {
  Model<Net, T> m(2);
  m.reference = reference;
  const T p[] = {1, 2, 3, 4, T(0.5)};
  std::copy(std::begin(p), std::end(p), m.params().begin());
  set_ramp(m);
  m.forward(2);
  return m;
}

using Valid2x2 = Network<Input<3, 3, 1>, Conv2D<1, 2>>;
using Same2x2 = Network<Input<3, 3, 1>, Conv2D<1, 2, same>>;

// The layer in a constant expression: forward, then backward with dL/dy = 1
// on sample 0's outputs, which makes dw the sum of the inputs under each tap.
constexpr bool conv_is_constexpr() {
  Model<Valid2x2, double> m(2);
  m.reference = false;  // a constant expression takes the plain loops anyway
  const double p[] = {1, 2, 3, 4, 0.5};
  for (int i = 0; i < 5; ++i) m.params()[static_cast<std::size_t>(i)] = p[i];
  double x[9];
  for (int i = 0; i < 9; ++i) x[i] = i + 1;
  m.set_input(0, x);
  m.clear_padding(1);
  m.forward(1);
  bool ok = m.output(0, 0) == 37.5 && m.output(0, 3) == 77.5;
  for (int f = 0; f < 4; ++f) m.output_gradient()[f * m.stride()] = 1;
  m.backward(1, true);
  const auto g = m.grads();
  ok = ok && g[0] == 12 && g[1] == 16 && g[2] == 24 && g[3] == 28 && g[4] == 4;
  // dx(1, 1) collects all four weights; dx(0, 0) only w(0, 0).
  ok = ok && m.input_gradient()[4 * m.stride()] == 10 && m.input_gradient()[0] == 1;
  return ok;
}
static_assert(conv_is_constexpr());

}  // namespace

TEST_CASE("Conv2D is Keras's cross-correlation: w(ky, kx) multiplies x(oy + ky, ox + kx)") {
  for (const bool reference : {false, true}) {
    CAPTURE(reference);
    const auto m = ramp_model<Valid2x2, float>(reference);
    // (0, 0): 1*1 + 2*2 + 3*4 + 4*5 + 0.5; the others slide by one column or row.
    CHECK(m.output(0, 0) == 37.5f);
    CHECK(m.output(0, 1) == 47.5f);
    CHECK(m.output(0, 2) == 67.5f);
    CHECK(m.output(0, 3) == 77.5f);
    CHECK(m.output(1, 0) == -36.5f);  // the negated sample: only the bias keeps its sign
  }
}

TEST_CASE("'same' with an even kernel pads after, as TensorFlow does") {
  for (const bool reference : {false, true}) {
    CAPTURE(reference);
    const auto m = ramp_model<Same2x2, float>(reference);
    static_assert(Same2x2::output_shape == Shape{3, 3, 1});
    CHECK(m.output(0, 0) == 37.5f);           // no padding before: the valid window
    CHECK(m.output(0, 2) == 1 * 3 + 3 * 6 + 0.5f);   // right column: x(0, 2), x(1, 2) only
    CHECK(m.output(0, 6) == 1 * 7 + 2 * 8 + 0.5f);   // bottom row: x(2, 0), x(2, 1) only
    CHECK(m.output(0, 8) == 1 * 9 + 0.5f);
  }
}

TEST_CASE("channels are innermost in the weights; a table keeps only its links") {
  // Conv1D<2, 2> on 3 steps of 2 channels: weights [filter][kx][channel].
  using Seq = Network<Input<3, 2>, Conv1D<2, 2, no_bias>>;
  // Filter 0 reads maps 0 and 2, filter 1 map 1: three weights, in that order.
  static constexpr auto pick = make_connection_table<3, 2>({"X.", ".X", "X."});
  using Tab = Network<Input<1, 1, 3>, Conv2D<2, 1, connection_table<pick>>>;
  static_assert(Tab::trainable_params == 3 + 2);
  for (const bool reference : {false, true}) {
    CAPTURE(reference);
    Model<Seq, double> s(1);
    s.reference = reference;
    // Filter 0 computes x(t, 0) + 10 x(t + 1, 1); filter 1, 100 x(t, 1).
    const double w[] = {1, 0, 0, 10, 0, 100, 0, 0};
    std::copy(std::begin(w), std::end(w), s.params().begin());
    const double x[] = {1, 2, 3, 4, 5, 6};  // x(t, c) = x[2 t + c]
    s.set_input(0, x);
    s.forward(1);
    CHECK(s.output(0, 0) == 1 + 10 * 4);  // t = 0, filter 0
    CHECK(s.output(0, 1) == 100 * 2);     // t = 0, filter 1
    CHECK(s.output(0, 2) == 3 + 10 * 6);  // t = 1, filter 0

    Model<Tab, double> t(1);
    t.reference = reference;
    const double p[] = {1, 10, 100, 0.25, 0.5};
    std::copy(std::begin(p), std::end(p), t.params().begin());
    const double in[] = {2, 3, 5};
    t.set_input(0, in);
    t.forward(1);
    CHECK(t.output(0, 0) == 2 + 10 * 5 + 0.25);
    CHECK(t.output(0, 1) == 100 * 3 + 0.5);
  }
}

TEST_CASE("initialization: Keras's glorot fans, zero biases, weights only for the table's links") {
  using C3 = Network<Input<14, 14, 6>, Conv2D<16, 5, connection_table<lenet5_c3_table>>>;
  static_assert(C3::trainable_params == 1516);
  Model<C3, double> m(1, 3);
  const auto p = m.params_of<0>();
  for (count_t i = 1500; i < 1516; ++i) CHECK(p[static_cast<std::size_t>(i)] == 0.0);
  // Filter 0 reads 3 maps: limit sqrt(6 / (75 + 400)); filter 15 reads 6: sqrt(6 / (150 + 400)).
  double first = 0, last = 0;
  for (count_t i = 0; i < 75; ++i) first = std::max(first, std::abs(p[static_cast<std::size_t>(i)]));
  for (count_t i = 1350; i < 1500; ++i) last = std::max(last, std::abs(p[static_cast<std::size_t>(i)]));
  CHECK(first <= std::sqrt(6.0 / 475));
  CHECK(first > 0.9 * std::sqrt(6.0 / 475));
  CHECK(last <= std::sqrt(6.0 / 550));
  CHECK(last > 0.9 * std::sqrt(6.0 / 550));
}

TEST_CASE("Conv2D's gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<6, 5, 2>, Conv2D<3, 3>>>(3);
  check_gradients<Network<Input<5, 5, 1>, Conv2D<2, 2, same>>>(2);
  check_gradients<Network<Input<5, 6, 2>, Conv2D<2, 3, same>>>(2);
  check_gradients<Network<Input<7, 6, 3>, Conv2D<2, 5, same>>>(1);
  check_gradients<Network<Input<7, 6, 2>, Conv2D<3, 3, same, stride<2>>>>(2);
  check_gradients<Network<Input<6, 6, 2>, Conv2D<2, 2, same, stride<2>>>>(2);
  check_gradients<Network<Input<8, 7, 2>, Conv2D<2, 3, stride<2>>>>(2);
  check_gradients<Network<Input<5, 7, 4>, Conv2D<3, 3, no_bias>>>(3);
  check_gradients<Network<Input<1, 1, 5>, Conv2D<4, 1>>>(1);
}

// A convolution followed by the squared error is quadratic in every single
// parameter and input, so central differences carry no truncation error and
// a larger step only shrinks their rounding error, which 1,600 outputs
// would otherwise push past 1e-6 on the smallest gradients.
TEST_CASE("LeNet-5's C3 table: gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<14, 14, 6>, Conv2D<16, 5, connection_table<lenet5_c3_table>>>>(
      1, GradientCheckOptions{.h = 1e-3, .max_params_per_layer = 60});
}

TEST_CASE("Conv1D's gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<3, 1>, Conv1D<1, 2, no_bias>>>(1);  // sheet problem 1
  check_gradients<Network<Input<3, 1>, Conv1D<1, 2, no_bias>>>(4);
  check_gradients<Network<Input<9, 3>, Conv1D<4, 3, same>>>(2);
  check_gradients<Network<Input<10, 2>, Conv1D<3, 4, same, stride<3>>>>(2);
}

TEST_CASE("stacked convolutions pass gradients through: same, then strided valid") {
  check_gradients<Network<Input<7, 7, 2>, Conv2D<4, 3, same>, Conv2D<3, 3, stride<2>>>>(3, {.h = 1e-3});
}

TEST_CASE("Conv2D's fast kernels match the plain loops") {
  using C1 = Network<Input<28, 28, 1>, Conv2D<6, 5, same>>;
  using C3 = Network<Input<14, 14, 6>, Conv2D<16, 5>>;
  using C3Table = Network<Input<14, 14, 6>, Conv2D<16, 5, connection_table<lenet5_c3_table>>>;
  check_fast_matches_reference<C1>(32, 32);
  check_fast_matches_reference<C1>(32, 7);
  check_fast_matches_reference<C3>(32, 32);
  check_fast_matches_reference<C3>(37, 33);  // a column block of one vector after the pairs
  check_fast_matches_reference<C3Table>(32, 29);
  check_fast_matches_reference<C3Table>(1, 1);
  check_fast_matches_reference<Network<Input<9, 7, 3>, Conv2D<5, 3, same, stride<2>>>>(19, 5);
  check_fast_matches_reference<Network<Input<6, 5, 2>, Conv2D<7, 4, same>>>(37, 33);
  check_fast_matches_reference<Network<Input<6, 5, 2>, Conv2D<7, 4, same>>>(1, 1);
  check_fast_matches_reference<Network<Input<9, 8, 13>, Conv2D<13, 2, stride<2>, no_bias>>>(19, 19);
  check_fast_matches_reference<Network<Input<5, 5, 3>, Conv2D<25, 5>>>(16, 3);
}

TEST_CASE("Conv1D's fast kernels match the plain loops") {
  check_fast_matches_reference<Network<Input<3, 1>, Conv1D<1, 2, no_bias>>>(1, 1);
  check_fast_matches_reference<Network<Input<3, 1>, Conv1D<1, 2, no_bias>>>(37, 33);
  check_fast_matches_reference<Network<Input<17, 5>, Conv1D<6, 3, same>>>(21, 20);
  check_fast_matches_reference<Network<Input<17, 5>, Conv1D<6, 4, same, stride<2>>>>(32, 9);
}
