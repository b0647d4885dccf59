// The convolutions of the Keras LeNet-5 (and the 1998 C3 with its table) at
// batch 32: forward, backward to the weights, backward to the input too.
#include <benchmark/benchmark.h>

#include <ctnn/ctnn.hpp>

#include <vector>

namespace {

using namespace ctnn;

template <class Layer>
struct Buffers {
  static constexpr count_t stride = 32;
  std::vector<float, AlignedAllocator<float>> params, grads, x, y, dy, dx;
  Step<float> step;

  Buffers()
      : params(static_cast<std::size_t>(Layer::counts.trainable_params)),
        grads(params.size()),
        x(static_cast<std::size_t>(Layer::input_shape.size() * stride)),
        y(static_cast<std::size_t>(Layer::output_shape.size() * stride)),
        dy(y.size()),
        dx(x.size()) {
    Rng rng(1);
    for (auto& p : params) p = static_cast<float>(rng.uniform(-0.2, 0.2));
    for (auto& v : x) v = static_cast<float>(rng.uniform(-1, 1));
    for (auto& v : dy) v = static_cast<float>(rng.uniform(-1, 1));
    step = Step<float>{params.data(), grads.data(), nullptr, stride, stride, true, false};
  }
};

template <class Layer>
void forward(benchmark::State& state) {
  Buffers<Layer> b;
  for (auto _ : state) {
    Layer::forward(b.step, b.x.data(), b.y.data());
    benchmark::DoNotOptimize(b.y.data());
  }
}

template <class Layer>
void backward_weights(benchmark::State& state) {
  Buffers<Layer> b;
  for (auto _ : state) {
    Layer::backward(b.step, b.x.data(), b.y.data(), b.dy.data(), static_cast<float*>(nullptr));
    benchmark::DoNotOptimize(b.grads.data());
  }
}

template <class Layer>
void backward_all(benchmark::State& state) {
  Buffers<Layer> b;
  for (auto _ : state) {
    Layer::backward(b.step, b.x.data(), b.y.data(), b.dy.data(), b.dx.data());
    benchmark::DoNotOptimize(b.dx.data());
  }
}

using C1 = Network<Input<28, 28, 1>, Conv2D<6, 5, same>>::layer<0>;
using C3 = Network<Input<14, 14, 6>, Conv2D<16, 5>>::layer<0>;
using C3Table = Network<Input<14, 14, 6>, Conv2D<16, 5, connection_table<lenet5_c3_table>>>::layer<0>;

BENCHMARK(forward<C1>);
BENCHMARK(backward_weights<C1>);
BENCHMARK(backward_all<C1>);
BENCHMARK(forward<C3>);
BENCHMARK(backward_weights<C3>);
BENCHMARK(backward_all<C3>);
BENCHMARK(forward<C3Table>);
BENCHMARK(backward_all<C3Table>);

}  // namespace

BENCHMARK_MAIN();
