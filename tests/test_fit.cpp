// fit() and evaluate(), and the Iris protocol of sheet problem 4 at a small scale.
#include <ctnn/ctnn.hpp>
#include <ctnn/data/csv.hpp>
#include <doctest/doctest.h>

#include "../examples/iris_protocol.hpp"

using namespace ctnn;

namespace {
// Two Gaussian-free, linearly separable classes: label = (x0 + x1 > 0).
data::Dataset separable(std::size_t rows, std::uint64_t seed) {
  data::Dataset d{rows, 2, 2, {}, {}};
  Rng rng(seed);
  while (d.labels.size() < rows) {
    const double a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
    if (std::abs(a + b) < 0.2) continue;  // a margin
    d.features.push_back(static_cast<float>(a));
    d.features.push_back(static_cast<float>(b));
    d.labels.push_back(a + b > 0);
  }
  return d;
}
}  // namespace

TEST_CASE("fit learns a separable problem to 100% with a partial last batch") {
  const auto d = separable(203, 1);  // 203 = 6 batches of 32 + 11
  Model<Network<Input<2>, Dense<8>, ReLU, Dense<2>, Softmax>> m(32, 3);
  Adam adam(0.01);
  const data::TableSource src{&d};
  const auto before = evaluate(m, src);
  const auto history = fit(m, src, adam, FitOptions{.epochs = 60, .batch_size = 32, .seed = 4});
  const auto after = evaluate(m, src);
  REQUIRE(history.size() == 60);
  CHECK(after.accuracy == 1.0);
  CHECK(after.loss < before.loss / 4);
  CHECK(history.back().loss < history.front().loss);
  CHECK(adam.iterations() == 60 * 7);
}

TEST_CASE("the same seed gives the same training run, bit for bit") {
  const auto d = separable(100, 2);
  const data::TableSource src{&d};
  auto train = [&](std::uint64_t seed) {
    Model<Network<Input<2>, Dense<8>, ReLU, Dense<2>, Softmax>> m(16, seed);
    Adam adam;
    fit(m, src, adam, FitOptions{.epochs = 3, .batch_size = 16, .seed = seed});
    return std::vector<float>(m.params().begin(), m.params().end());
  };
  CHECK(train(5) == train(5));
  CHECK(train(5) != train(6));
}

TEST_CASE("fit's verbose line reads like Keras's") {
  const auto d = separable(40, 3);
  const data::TableSource src{&d};
  Model<Network<Input<2>, Dense<3>, Softmax>> m(8, 1);
  Adam adam;
  std::ostringstream out;
  fit(m, src, adam, FitOptions{.epochs = 2, .batch_size = 8, .verbose = true, .out = &out}, &src);
  const std::string text = out.str();
  CHECK(text.find("Epoch 1/2 - ") != std::string::npos);
  CHECK(text.find("Epoch 2/2 - ") != std::string::npos);
  CHECK(text.find(" - val_accuracy: ") != std::string::npos);
}

TEST_CASE("fit rejects a batch larger than the model's maximum") {
  const auto d = separable(10, 4);
  const data::TableSource src{&d};
  Model<Network<Input<2>, Dense<2>, Softmax>> m(4, 1);
  Adam adam;
  CHECK_THROWS_AS(fit(m, src, adam, FitOptions{.batch_size = 8}), std::invalid_argument);
}

TEST_CASE("the Iris protocol at small scale: above chance, and the same with 1 and 2 threads") {
  const auto all = data::to_dataset(data::read_csv(CTNN_SOURCE_DIR "/data/iris.csv"));
  const iris::Protocol p{10, 2, 32, 0.001, 0.2, 42, false, false, false};
  const std::vector<data::Split> splits{iris::make_split(all, p, 0)};
  REQUIRE(splits[0].train.rows == 120);
  REQUIRE(splits[0].test.rows == 30);
  const std::vector<count_t> units{10, 100};
  const auto one = iris::run_sweep(units, splits, p, 1);
  const auto two = iris::run_sweep(units, splits, p, 2);
  REQUIRE(one.size() == 4);
  double mean_100 = 0;
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(one[i].units == two[i].units);
    CHECK(one[i].seed == two[i].seed);
    CHECK(one[i].test.accuracy == two[i].test.accuracy);
    CHECK(one[i].test.loss == two[i].test.loss);
    if (one[i].units == 100) mean_100 += one[i].test.accuracy / 2;
  }
  CHECK(mean_100 > 0.5);  // chance is 1/3
}

TEST_CASE("standardized Iris trains to high accuracy in 100 epochs") {
  const auto all = data::to_dataset(data::read_csv(CTNN_SOURCE_DIR "/data/iris.csv"));
  const iris::Protocol p{100, 1, 32, 0.001, 0.2, 7, true, false, true};
  const auto split = iris::make_split(all, p, 0);
  const auto run = iris::train_any(20, split, p, 0);
  CHECK(run.test.accuracy >= 0.9);
}

TEST_CASE("predict runs any number of samples through the model, max_batch at a time") {
  const auto d = separable(23, 6);
  Model<Network<Input<2>, Dense<4>, ReLU, Dense<2>, Softmax>> m(8, 2);
  const auto probs = m.predict(d.features.data(), 23);
  REQUIRE(probs.size() == 46);
  for (count_t b = 0; b < 5; ++b) m.set_input(b, d.features.data() + 2 * (16 + b));
  m.clear_padding(5);
  m.forward(5);
  for (count_t b = 0; b < 5; ++b) {
    CHECK(probs[static_cast<std::size_t>(2 * (16 + b))] == m.output(b, 0));
    CHECK(probs[static_cast<std::size_t>(2 * (16 + b) + 1)] == m.output(b, 1));
  }
  for (std::size_t i = 0; i < 23; ++i) CHECK(probs[2 * i] + probs[2 * i + 1] == doctest::Approx(1.0));
}

TEST_CASE("mean_std gives numpy's mean and population standard deviation") {
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  const auto s = mean_std(xs);
  CHECK(s.mean == doctest::Approx(5.0));
  CHECK(s.std == doctest::Approx(2.0));
  CHECK(mean_std(std::vector<double>{}).mean == 0.0);
}
