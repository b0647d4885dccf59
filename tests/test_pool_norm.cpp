// MaxPool, AvgPool, Subsample, BatchNorm, Scale and RBF: gradients, fast
// kernels against the plain loops, hand-computed values, padding.
#include <array>
#include <cmath>
#include <initializer_list>
#include <vector>

#include "layer_check.hpp"

using namespace ctnn;
using ctnn::testing::check_fast_matches_reference;
using ctnn::testing::check_gradients;
using ctnn::testing::random_batch;

namespace {

template <class T>
using buffer = std::vector<T, AlignedAllocator<T>>;

// An image sample in HWC order from one row-major grid per channel.
std::vector<double> hwc(std::initializer_list<std::vector<double>> grids) {
  const auto channels = grids.size(), pixels = grids.begin()->size();
  std::vector<double> sample(channels * pixels);
  std::size_t c = 0;
  for (const auto& grid : grids) {
    for (std::size_t p = 0; p < pixels; ++p) sample[p * channels + c] = grid[p];
    ++c;
  }
  return sample;
}

// Runs dy (one row of values per sample, padding zero) back from the output.
template <class Net>
void backward_from(Model<Net, double>& m, count_t n, const std::vector<std::vector<double>>& dy) {
  double* g = m.output_gradient();
  for (count_t i = 0; i < Net::output_shape.size() * m.stride(); ++i) g[i] = 0;
  for (count_t b = 0; b < n; ++b)
    for (count_t f = 0; f < Net::output_shape.size(); ++f) g[f * m.stride() + b] = dy[b][f];
  m.backward(Net::size, true);
}

template <class Net>
double input_grad(const Model<Net, double>& m, count_t b, count_t f) {
  return m.input_gradient()[f * m.stride() + b];
}

// With junk in the input's padding columns, every output, gradient and
// statistic of the valid samples is the same as with zeros there, and the
// input gradient's padding columns are exactly zero.
template <class Net>
void check_padding(count_t max_batch, count_t n) {
  for (bool reference : {true, false}) {
    CAPTURE(reference);
    Model<Net, double> clean(max_batch, 3), dirty(max_batch, 3);
    clean.reference = dirty.reference = reference;
    const auto targets = random_batch(clean, n, 4);
    random_batch(dirty, n, 4);
    const count_t stride = clean.stride();
    for (count_t f = 0; f < Net::input_shape.size(); ++f)
      for (count_t b = n; b < stride; ++b) dirty.input()[f * stride + b] = 0.5 + 0.01 * double(f + b);
    const Targets<double> t{{}, targets.data()};
    compute_gradients(clean, n, MeanSquaredError{}, t, true);
    compute_gradients(dirty, n, MeanSquaredError{}, t, true);
    count_t differ = 0, padding = 0;
    for (count_t f = 0; f < Net::output_shape.size(); ++f)
      for (count_t b = 0; b < n; ++b) differ += clean.output(b, f) != dirty.output(b, f);
    for (std::size_t i = 0; i < clean.grads().size(); ++i) differ += clean.grads()[i] != dirty.grads()[i];
    for (std::size_t i = 0; i < clean.state().size(); ++i) differ += clean.state()[i] != dirty.state()[i];
    for (count_t f = 0; f < Net::input_shape.size(); ++f)
      for (count_t b = 0; b < stride; ++b) {
        if (b < n) differ += input_grad(clean, b, f) != input_grad(dirty, b, f);
        else padding += (input_grad(clean, b, f) != 0) + (input_grad(dirty, b, f) != 0);
      }
    CHECK_MESSAGE(differ == 0, differ << " values change with junk in the padding");
    CHECK_MESSAGE(padding == 0, padding << " padding input gradients are not zero");
  }
}

}  // namespace

TEST_CASE("the pooling layers' gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<4, 6, 2>, MaxPool<2>>>(3);
  check_gradients<Network<Input<7, 7, 2>, MaxPool<3, stride<2>>>>(2);
  check_gradients<Network<Input<5, 4, 3>, AvgPool<2>>>(3);  // the last row is in no window
  check_gradients<Network<Input<5, 5, 2>, AvgPool<3, stride<1>>>>(2);
  check_gradients<Network<Input<6, 4, 3>, Subsample<2>>>(3);
  check_gradients<Network<Input<5, 7, 2>, Subsample<2, no_bias>>>(2);
  check_gradients<Network<Input<7, 7, 1>, Subsample<3, stride<2>>>>(2);
}

// BatchNorm's input gradients are small (they sum to zero over a channel),
// so the difference quotient's rounding error (~1e-16 |L| / h) is cut with a
// wider step; its truncation error (~h^2) stays far below.
constexpr GradientCheckOptions wide_step{.h = 1e-5};

TEST_CASE("BatchNorm's, Scale's and RBF's gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<5>, BatchNorm>>(4, wide_step);
  check_gradients<Network<Input<3, 5, 3>, BatchNorm>>(3, wide_step);
  check_gradients<Network<Input<2, 3, 1>, BatchNorm>>(1, wide_step);  // a single sample still has positions
  check_gradients<Network<Input<7>, Scale>>(3);
  check_gradients<Network<Input<3, 2, 4>, Scale>>(2);
  check_gradients<Network<Input<84>, RBF<10>>>(3);
  check_gradients<Network<Input<5>, RBF<3>>>(2);
}

TEST_CASE("a network with BatchNorm trains with gradients that match finite differences") {
  // The Dense's biases have zero gradient: BatchNorm subtracts them with the mean.
  check_gradients<Network<Input<4>, Dense<8>, BatchNorm, ReLU, Dense<3>, Softmax>>(6, wide_step, 5, CrossEntropy{});
  check_gradients<Network<Input<6, 6, 1>, Subsample<2, no_bias>, BatchNorm, Scale, MaxPool<3>, Flatten, RBF<4>>>(
      3, wide_step);
}

TEST_CASE("the fast pooling kernels match the plain loops on odd sizes") {
  check_fast_matches_reference<Network<Input<6, 7, 3>, MaxPool<2>>>(19, 19);
  check_fast_matches_reference<Network<Input<6, 7, 3>, MaxPool<2>>>(19, 5);
  check_fast_matches_reference<Network<Input<9, 8, 2>, MaxPool<3, stride<2>>>>(19, 7);
  check_fast_matches_reference<Network<Input<5, 7, 3>, AvgPool<2>>>(19, 13);
  check_fast_matches_reference<Network<Input<5, 6, 2>, AvgPool<3, stride<1>>>>(1, 1);
  check_fast_matches_reference<Network<Input<8, 6, 3>, Subsample<2>>>(19, 11);
  check_fast_matches_reference<Network<Input<7, 5, 2>, Subsample<2, no_bias>>>(33, 33);
  check_fast_matches_reference<Network<Input<9, 9, 2>, Subsample<3, stride<2>>>>(19, 3);
}

TEST_CASE("the fast BatchNorm, Scale and RBF kernels match the plain loops on odd sizes") {
  check_fast_matches_reference<Network<Input<13>, BatchNorm>>(19, 19);
  check_fast_matches_reference<Network<Input<13>, BatchNorm>>(37, 21);
  check_fast_matches_reference<Network<Input<5, 3, 7>, BatchNorm>>(19, 6);
  check_fast_matches_reference<Network<Input<11>, Scale>>(19, 5);
  check_fast_matches_reference<Network<Input<3, 4, 5>, Scale>>(1, 1);
  check_fast_matches_reference<Network<Input<84>, RBF<10>>>(19, 19);
  check_fast_matches_reference<Network<Input<84>, RBF<10>>>(35, 3);
  check_fast_matches_reference<Network<Input<5>, RBF<7>>>(19, 9);
  check_fast_matches_reference<Network<Input<4>, Dense<8>, BatchNorm, ReLU, Dense<3>, Softmax>>(19, 17);
}

TEST_CASE("MaxPool takes each window's maximum, channels last") {
  using Net = Network<Input<2, 4, 2>, MaxPool<2>>;
  for (bool reference : {true, false}) {
    Model<Net, double> m(1);
    m.reference = reference;
    m.set_input(0, hwc({{1, 5, 2, 0, 3, 4, 9, -1}, {-1, -2, -3, -4, -5, -6, -7, -8}}).data());
    m.forward(1);
    // output (1, 2, 2): feature ox * 2 + c
    CHECK(m.output(0, 0) == 5);
    CHECK(m.output(0, 1) == -1);
    CHECK(m.output(0, 2) == 9);
    CHECK(m.output(0, 3) == -3);
  }
}

TEST_CASE("MaxPool's gradient goes to the first maximum, and overlapping windows add theirs") {
  // Windows at columns 0-2 and 2-4 share column 2, where the first 7 of
  // each (row-major) is; the later 7s are ties and get nothing.
  using Net = Network<Input<3, 5, 1>, MaxPool<3, stride<2>>>;
  for (bool reference : {true, false}) {
    CAPTURE(reference);
    Model<Net, double> m(3);
    m.reference = reference;
    m.set_input(0, hwc({{1, 2, 7, 3, 4, 7, 0, 0, 0, 5, 0, 0, 0, 0, 7}}).data());
    m.set_input(1, hwc({{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}}).data());
    m.forward(2);
    CHECK(m.output(0, 0) == 7);
    CHECK(m.output(0, 1) == 7);
    backward_from(m, 2, {{1.5, 2.5}, {1, 10}});
    for (count_t f = 0; f < 15; ++f) {
      CAPTURE(f);
      CHECK(input_grad(m, 0, f) == (f == 2 ? 4.0 : 0.0));
      CHECK(input_grad(m, 1, f) == (f == 0 ? 1.0 : f == 2 ? 10.0 : 0.0));
      CHECK(input_grad(m, 2, f) == 0);
    }
  }
}

TEST_CASE("AvgPool takes each window's mean") {
  for (bool reference : {true, false}) {
    Model<Network<Input<3, 3, 1>, AvgPool<2, stride<1>>>, double> m(1);
    m.reference = reference;
    m.set_input(0, hwc({{1, 2, 3, 6, 8, 0, 4, 4, 4}}).data());
    m.forward(1);
    CHECK(m.output(0, 0) == doctest::Approx(17.0 / 4));
    CHECK(m.output(0, 1) == doctest::Approx(13.0 / 4));
    CHECK(m.output(0, 2) == doctest::Approx(22.0 / 4));
    CHECK(m.output(0, 3) == doctest::Approx(16.0 / 4));
  }
}

TEST_CASE("Subsample is a coefficient times the window's sum plus a bias, per map") {
  const auto sample = hwc({{1, 2, 3, 4}, {1, 1, 1, -1}});  // sums 10 and 2
  for (bool reference : {true, false}) {
    Model<Network<Input<2, 2, 2>, Subsample<2>>, double> m(1);
    m.reference = reference;
    const double params[] = {0.5, -2, 1, 3};  // coefficients, then biases
    std::copy(std::begin(params), std::end(params), m.params_of<0>().begin());
    m.set_input(0, sample.data());
    m.forward(1);
    CHECK(m.output(0, 0) == 6);
    CHECK(m.output(0, 1) == -1);

    Model<Network<Input<2, 2, 2>, Subsample<2, no_bias>>, double> plain(1);
    plain.reference = reference;
    REQUIRE(plain.params_of<0>().size() == 2);
    plain.params_of<0>()[0] = 0.5;
    plain.params_of<0>()[1] = -2;
    plain.set_input(0, sample.data());
    plain.forward(1);
    CHECK(plain.output(0, 0) == 5);
    CHECK(plain.output(0, 1) == -4);
  }
}

TEST_CASE("BatchNorm normalizes with the batch mean and biased variance, over samples and positions") {
  const double eps = BatchNorm::epsilon;
  for (bool reference : {true, false}) {
    CAPTURE(reference);
    Model<Network<Input<2>, BatchNorm>, double> m(6);
    m.reference = reference;
    const double params[] = {2, 1, 0.5, -1};  // gamma, then beta
    std::copy(std::begin(params), std::end(params), m.params_of<0>().begin());
    for (count_t b = 0; b < 4; ++b) {
      const double sample[] = {double(b + 1), 10};  // feature 0: mean 2.5, variance 1.25
      m.set_input(b, sample);
    }
    m.forward(4, true);
    for (count_t b = 0; b < 4; ++b) {
      CHECK(m.output(b, 0) == doctest::Approx(2 * (double(b + 1) - 2.5) / std::sqrt(1.25 + eps) + 0.5).epsilon(1e-12));
      CHECK(m.output(b, 1) == doctest::Approx(-1).epsilon(1e-12));  // zero variance: beta
    }
    const auto state = m.state_of<0>();  // moving mean, then moving variance
    CHECK(state[0] == doctest::Approx(0.01 * 2.5).epsilon(1e-12));
    CHECK(state[1] == doctest::Approx(0.01 * 10).epsilon(1e-12));
    CHECK(state[2] == doctest::Approx(0.99 + 0.01 * 1.25).epsilon(1e-12));
    CHECK(state[3] == doctest::Approx(0.99).epsilon(1e-12));

    // An image: one channel, two positions, two samples: statistics over all four.
    Model<Network<Input<2, 1, 1>, BatchNorm>, double> image(2);
    image.reference = reference;
    const double a[] = {1, 2}, b[] = {3, 4};
    image.set_input(0, a);
    image.set_input(1, b);
    image.forward(2, true);
    CHECK(image.output(0, 0) == doctest::Approx(-1.5 / std::sqrt(1.25 + eps)).epsilon(1e-12));
    CHECK(image.output(0, 1) == doctest::Approx(-0.5 / std::sqrt(1.25 + eps)).epsilon(1e-12));
    CHECK(image.output(1, 0) == doctest::Approx(0.5 / std::sqrt(1.25 + eps)).epsilon(1e-12));
    CHECK(image.output(1, 1) == doctest::Approx(1.5 / std::sqrt(1.25 + eps)).epsilon(1e-12));
  }
}

TEST_CASE("BatchNorm's inference uses the moving statistics, moved by momentum in training") {
  const double eps = BatchNorm::epsilon, momentum = BatchNorm::momentum;
  for (bool reference : {true, false}) {
    CAPTURE(reference);
    Model<Network<Input<3>, BatchNorm>, double> m(5);
    m.reference = reference;
    const double params[] = {1.5, 0.5, -1, 0.25, 0, 2};
    std::copy(std::begin(params), std::end(params), m.params_of<0>().begin());
    const double batch[3][3] = {{1, -2, 0.5}, {3, 4, 0.5}, {8, 1, 2}};
    double mean[3], var[3];
    for (count_t f = 0; f < 3; ++f) {
      mean[f] = (batch[0][f] + batch[1][f] + batch[2][f]) / 3;
      var[f] = 0;
      for (const auto& row : batch) var[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / 3;
    }
    for (count_t b = 0; b < 3; ++b) m.set_input(b, batch[b]);
    const int steps = 5;
    for (int i = 0; i < steps; ++i) m.forward(3, true);
    // From mean 0 and variance 1: moving = momentum^k start + (1 - momentum^k) batch.
    const double kept = std::pow(momentum, steps);
    const auto state = m.state_of<0>();
    for (count_t f = 0; f < 3; ++f) {
      CHECK(state[f] == doctest::Approx((1 - kept) * mean[f]).epsilon(1e-12));
      CHECK(state[3 + f] == doctest::Approx(kept + (1 - kept) * var[f]).epsilon(1e-12));
    }
    const std::vector<double> moving(state.begin(), state.end());
    const double sample[] = {2, -1, 5};
    m.set_input(0, sample);
    m.clear_padding(1);
    m.forward(1, false);
    for (count_t f = 0; f < 3; ++f)
      CHECK(m.output(0, f) ==
            doctest::Approx(params[f] * (sample[f] - moving[f]) / std::sqrt(moving[3 + f] + eps) + params[3 + f])
                .epsilon(1e-12));
    CHECK(std::equal(moving.begin(), moving.end(), state.begin()));  // inference moves nothing
  }
}

TEST_CASE("BatchNorm's inference backward treats the moving statistics as constants") {
  using Net = Network<Input<2, 3, 2>, BatchNorm>;
  using L = Net::layer<0>;
  constexpr count_t n = 3;
  for (bool reference : {true, false}) {
    CAPTURE(reference);
    Model<Net, double> m(5);
    m.reference = reference;
    Rng rng(21);
    for (auto& p : m.params_of<0>()) p = rng.uniform(-1, 1);
    auto state = m.state_of<0>();
    for (count_t c = 0; c < 2; ++c) {
      state[c] = rng.uniform(-1, 1);
      state[2 + c] = rng.uniform(0.5, 1.5);
    }
    random_batch(m, n, 22);
    // L = sum over valid outputs of r y, so dL/dy = r.
    const count_t stride = m.stride(), size = Net::input_shape.size() * stride;
    buffer<double> r(size, 0.0), dx(size, 1.0);
    for (count_t f = 0; f < Net::input_shape.size(); ++f)
      for (count_t b = 0; b < n; ++b) r[f * stride + b] = rng.uniform(-1, 1);
    auto loss = [&] {
      m.forward(n, false);
      double total = 0;
      for (count_t i = 0; i < size; ++i) total += r[i] * m.output()[i];
      return total;
    };
    loss();
    const Step<double> s{m.params().data() + L::param_offset, m.grads().data() + L::param_offset,
                         m.state().data() + L::state_offset, n, stride, false, reference};
    L::backward(s, m.input(), m.output(), r.data(), dx.data());
    auto numeric = [&](double& v) {
      const double saved = v, h = 1e-5;
      v = saved + h;
      const double up = loss();
      v = saved - h;
      const double down = loss();
      v = saved;
      return (up - down) / (2 * h);
    };
    for (count_t i = 0; i < 4; ++i)
      CHECK(m.grads_of<0>()[i] == doctest::Approx(numeric(m.params_of<0>()[i])).epsilon(1e-8));
    for (count_t f = 0; f < Net::input_shape.size(); ++f)
      for (count_t b = 0; b < stride; ++b) {
        if (b < n) CHECK(dx[f * stride + b] == doctest::Approx(numeric(m.input()[f * stride + b])).epsilon(1e-8));
        else CHECK(dx[f * stride + b] == 0);
      }
  }
}

TEST_CASE("BatchNorm on a batch smaller than the maximum gives what a model sized for that batch gives") {
  using Net = Network<Input<5>, Dense<4>, BatchNorm>;
  for (count_t n : {count_t{5}, 2 * simd_width<double> + 3}) {
    for (bool reference : {true, false}) {
      CAPTURE(n);
      CAPTURE(reference);
      Model<Net, double> exact(n, 8), roomy(n + 13, 8);  // the Dense writes its bias into the padding
      exact.reference = roomy.reference = reference;
      const auto te = random_batch(exact, n, 9), tr = random_batch(roomy, n, 9);
      compute_gradients(exact, n, MeanSquaredError{}, Targets<double>{{}, te.data()}, true);
      compute_gradients(roomy, n, MeanSquaredError{}, Targets<double>{{}, tr.data()}, true);
      for (count_t f = 0; f < 4; ++f)
        for (count_t b = 0; b < n; ++b) CHECK(roomy.output(b, f) == doctest::Approx(exact.output(b, f)).epsilon(1e-12));
      for (std::size_t i = 0; i < exact.grads().size(); ++i)
        CHECK(roomy.grads()[i] == doctest::Approx(exact.grads()[i]).epsilon(1e-12));
      for (std::size_t i = 0; i < exact.state().size(); ++i)
        CHECK(roomy.state()[i] == doctest::Approx(exact.state()[i]).epsilon(1e-12));
      for (count_t f = 0; f < 5; ++f)
        for (count_t b = 0; b < n; ++b)
          CHECK(input_grad(roomy, b, f) == doctest::Approx(input_grad(exact, b, f)).epsilon(1e-12));
    }
  }
}

TEST_CASE("padding columns never reach a valid value, and their input gradients are zero") {
  check_padding<Network<Input<4, 5, 2>, MaxPool<2>>>(9, 5);
  check_padding<Network<Input<5, 5, 2>, MaxPool<3, stride<2>>>>(9, 5);
  check_padding<Network<Input<4, 5, 2>, AvgPool<2>>>(9, 5);
  check_padding<Network<Input<4, 4, 2>, AvgPool<3, stride<1>>>>(9, 5);
  check_padding<Network<Input<4, 4, 3>, Subsample<2>>>(9, 5);
  check_padding<Network<Input<4, 4, 3>, Subsample<2, no_bias>>>(9, 5);
  check_padding<Network<Input<7>, BatchNorm>>(9, 5);
  check_padding<Network<Input<3, 3, 2>, BatchNorm>>(11, 3);
  check_padding<Network<Input<3, 2, 3>, Scale>>(9, 5);
  check_padding<Network<Input<84>, RBF<10>>>(9, 5);
}

TEST_CASE("Scale multiplies each channel by its factor, starting at 1") {
  for (bool reference : {true, false}) {
    Model<Network<Input<2, 1, 2>, Scale>, double> m(1);
    m.reference = reference;
    CHECK(m.params_of<0>()[0] == 1);
    CHECK(m.params_of<0>()[1] == 1);
    m.params_of<0>()[0] = 2;
    m.params_of<0>()[1] = -3;
    const double sample[] = {1, 2, 3, 4};
    m.set_input(0, sample);
    m.forward(1);
    CHECK(m.output(0, 0) == 2);
    CHECK(m.output(0, 1) == -6);
    CHECK(m.output(0, 2) == 6);
    CHECK(m.output(0, 3) == -12);
  }
}

TEST_CASE("RBF gives squared distances to fixed random +-1 centres") {
  Model<Network<Input<84>, RBF<10>>, double> lenet(1, 3);
  count_t plus = 0, minus = 0;
  for (double w : lenet.state_of<0>()) (w == 1 ? plus : minus) += (w == 1 || w == -1);
  CHECK(plus + minus == 840);
  CHECK(plus > 300);  // both signs, about evenly
  CHECK(minus > 300);
  CHECK(lenet.params().empty());

  for (bool reference : {true, false}) {
    Model<Network<Input<2>, RBF<2>>, double> m(1);
    m.reference = reference;
    const double centres[] = {1, -1, -1, -1};
    std::copy(std::begin(centres), std::end(centres), m.state_of<0>().begin());
    const double sample[] = {0.5, 2};
    m.set_input(0, sample);
    m.forward(1);
    CHECK(m.output(0, 0) == 9.25);   // 0.5^2 + 3^2
    CHECK(m.output(0, 1) == 11.25);  // 1.5^2 + 3^2
  }
}

namespace {

using Mixed =
    Network<Input<6, 6, 2>, Subsample<2>, BatchNorm, AvgPool<2, stride<1>>, MaxPool<2>, Scale, Flatten, RBF<3>>;

// Loss, sum of parameter gradients, sum of input gradients: evaluated by the
// compiler (plain loops) and at run time (fast kernels).
constexpr std::array<double, 3> mixed_step() {
  Model<Mixed, double> m(3, 5);
  Rng rng(6);
  for (count_t b = 0; b < 3; ++b)
    for (count_t f = 0; f < Mixed::input_shape.size(); ++f) m.input()[f * m.stride() + b] = rng.uniform(-1, 1);
  std::vector<double> targets(static_cast<std::size_t>(3 * m.stride()), 0.0);
  for (count_t b = 0; b < 3; ++b) targets[static_cast<std::size_t>(b)] = 1;
  const double loss = compute_gradients(m, 3, MeanSquaredError{}, Targets<double>{{}, targets.data()}, true);
  double grads = 0, inputs = 0;
  for (double g : m.grads()) grads += g;
  for (count_t i = 0; i < Mixed::input_shape.size() * m.stride(); ++i) inputs += m.input_gradient()[i];
  return {loss, grads, inputs};
}

}  // namespace

TEST_CASE("the plain kernels run in a constant expression, and agree with the fast ones") {
  constexpr auto at_compile_time = mixed_step();
  static_assert(at_compile_time[0] > 0);
  const auto at_run_time = mixed_step();
  for (std::size_t i = 0; i < 3; ++i) CHECK(at_run_time[i] == doctest::Approx(at_compile_time[i]).epsilon(1e-10));
}
