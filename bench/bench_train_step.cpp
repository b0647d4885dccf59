// One training step (forward, fused softmax cross-entropy, backward, Adam) of
// the networks the examples train, at batch 32: samples per second is the
// figure that sets an epoch's time.
#include <benchmark/benchmark.h>

#include <ctnn/ctnn.hpp>
#include <ctnn/models/lenet5.hpp>

#include <vector>

namespace {

using namespace ctnn;

template <class Net>
void train_step_batch32(benchmark::State& state) {
  constexpr count_t batch = 32;
  Model<Net> model(batch, 1);
  Rng rng(2);
  std::vector<float> sample(static_cast<std::size_t>(Net::input_shape.size()));
  std::vector<std::int32_t> labels(batch);
  for (count_t b = 0; b < batch; ++b) {
    for (auto& x : sample) x = static_cast<float>(rng.uniform(0, 1));
    model.set_input(b, sample.data());
    labels[static_cast<std::size_t>(b)] = static_cast<std::int32_t>(rng.below(Net::output_shape.size()));
  }
  Adam adam;
  const FlushDenormals flush;
  for (auto _ : state) benchmark::DoNotOptimize(train_step(model, batch, CrossEntropy{}, Targets<float>{labels}, adam));
  state.SetItemsProcessed(state.iterations() * batch);
}

using Iris100 = Network<Input<4>, Dense<100>, ReLU, Dense<100>, ReLU, Dense<3>, Softmax>;

BENCHMARK(train_step_batch32<models::LeNet5_Keras>)->Name("train_step/LeNet5_Keras/batch32");
BENCHMARK(train_step_batch32<models::LeNet5_1998_Softmax>)->Name("train_step/LeNet5_1998/batch32");
BENCHMARK(train_step_batch32<Iris100>)->Name("train_step/Iris_u100/batch32");

}  // namespace

BENCHMARK_MAIN();
