// MNIST-format training: images as bytes scaled while loading, a short run
// that must cut the loss, and weights that save and load bit for bit.
#include <ctnn/ctnn.hpp>
#include <ctnn/data/idx.hpp>
#include <ctnn/models/lenet5.hpp>
#include <doctest/doctest.h>

#include <filesystem>

using namespace ctnn;

namespace {

// 28x28 digits: the real MNIST's first images when present, else strokes
// drawn here (class c: a bar at row 2 + 2c), so the test runs anywhere.
struct Digits {
  data::Images images;
  std::vector<std::uint8_t> labels;
};

Digits digits(std::size_t count) {
  const std::filesystem::path dir = CTNN_SOURCE_DIR "/data/mnist";
  if (std::filesystem::exists(dir / "train-images-idx3-ubyte")) {
    auto mnist = data::load_mnist(dir);
    mnist.train_images.count = count;
    mnist.train_images.pixels.resize(count * 28 * 28);
    mnist.train_labels.resize(count);
    return {std::move(mnist.train_images), std::move(mnist.train_labels)};
  }
  MESSAGE("real MNIST absent (run scripts/fetch_mnist.sh): training on drawn strokes instead");
  Digits d{{count, 28, 28, std::vector<std::uint8_t>(count * 28 * 28, 0)}, {}};
  Rng rng(5);
  for (std::size_t i = 0; i < count; ++i) {
    const auto c = static_cast<std::uint8_t>(rng.below(10));
    d.labels.push_back(c);
    for (std::size_t x = 4; x < 24; ++x) d.images.pixels[i * 784 + (2 + 2 * c) * 28 + x] = 200;
  }
  return d;
}

}  // namespace

TEST_CASE("an image source scales bytes to [0, 1] and pads LeNet-5 (1998)'s 32x32 input") {
  data::Images img{1, 28, 28, std::vector<std::uint8_t>(784, 0)};
  img.pixels[0] = 255;         // top-left
  img.pixels[27 * 28 + 27] = 51;  // bottom-right
  const std::vector<std::uint8_t> labels{3};
  Model<models::LeNet5_1998_Softmax> m(4);
  data::ImageSource src{&img, &labels, {}, 2};
  src.load(m, 1, 0);
  const count_t s = m.stride();
  CHECK(m.input()[(2 * 32 + 2) * s + 1] == 1.0f);
  CHECK(m.input()[(29 * 32 + 29) * s + 1] == doctest::Approx(0.2f));
  CHECK(m.input()[0 * s + 1] == 0.0f);
  CHECK(src.label(0) == 3);
}

TEST_CASE("a short LeNet-5 run on 512 MNIST-format images cuts the loss") {
  const auto d = digits(512);
  Model<models::LeNet5_Keras> m(32, 1);
  const data::ImageSource src{&d.images, &d.labels, {}, 0};
  const auto before = evaluate(m, src);
  Adam adam;
  fit(m, src, adam, FitOptions{.epochs = 3, .batch_size = 32, .seed = 2});
  const auto after = evaluate(m, src);
  CHECK(after.loss < 0.5 * before.loss);
  CHECK(after.accuracy > 0.5);
}

TEST_CASE("saved weights load back into the same predictions, bit for bit") {
  const auto d = digits(64);
  const data::ImageSource src{&d.images, &d.labels, {}, 0};
  Model<models::LeNet5_Keras> a(32, 3), b(32, 4);
  Adam adam;
  fit(a, src, adam, FitOptions{.epochs = 1, .batch_size = 32, .seed = 2});
  const auto file = std::filesystem::temp_directory_path() / "ctnn_test_weights.bin";
  save_weights(a, file);
  load_weights(b, file);
  std::vector<std::size_t> rows(32);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  for (auto* m : {&a, &b}) {
    for (std::size_t i = 0; i < rows.size(); ++i) src.load(*m, static_cast<count_t>(i), i);
    m->forward(32, false);
  }
  for (count_t f = 0; f < 10; ++f)
    for (count_t i = 0; i < 32; ++i) CHECK(a.output(i, f) == b.output(i, f));

  Model<models::LeNet5_1998_Softmax> other(32);
  CHECK_THROWS_WITH_AS(load_weights(other, file), doctest::Contains("another network"), std::runtime_error);
  std::filesystem::remove(file);
  CHECK_THROWS_WITH_AS(load_weights(b, file), doctest::Contains("cannot open"), std::runtime_error);
}
