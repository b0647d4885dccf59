#pragma once
// Where fit() and evaluate() take their samples from: anything with size(),
// label(i) and load(model, column, i). Sources are views: a split or a subset
// is a list of row indices, never a copy of the data.
#include <cstdint>
#include <span>
#include <vector>

#include "../shape.hpp"
#include "dataset.hpp"
#include "idx.hpp"

namespace ctnn::data {

template <class S>
concept SampleSource = requires(const S& s, std::size_t i) {
  { s.size() } -> std::convertible_to<std::size_t>;
  { s.label(i) } -> std::convertible_to<std::int32_t>;
};

// The rows of a Dataset (float features, row-major).
struct TableSource {
  const Dataset* data;
  std::size_t size() const { return data->rows; }
  std::int32_t label(std::size_t i) const { return data->labels[i]; }
  template <class Model>
  void load(Model& m, count_t column, std::size_t i) const {
    m.set_input(column, data->features.data() + i * data->cols);
  }
};

// Grey-scale images kept as bytes and scaled to [0, 1] as they are loaded,
// optionally zero-padded on every side (LeNet-5 (1998) reads MNIST's 28x28
// digits centred in 32x32). rows selects a subset (a split); empty: all images.
struct ImageSource {
  const Images* images;
  const std::vector<std::uint8_t>* labels;
  std::span<const std::size_t> rows;
  count_t pad = 0;

  std::size_t size() const { return rows.empty() ? images->count : rows.size(); }
  std::size_t row(std::size_t i) const { return rows.empty() ? i : rows[i]; }
  std::int32_t label(std::size_t i) const { return (*labels)[row(i)]; }

  template <class Model>
  void load(Model& m, count_t column, std::size_t i) const {
    using T = typename Model::value_type;
    const auto h = static_cast<count_t>(images->rows), w = static_cast<count_t>(images->cols);
    const count_t width = w + 2 * pad, stride = m.stride();
    static_assert(Model::network::input_shape.rank == 3, "an ImageSource feeds an image input");
    if ((h + 2 * pad) * width != Model::input_size)
      throw data_error("images of " + std::to_string(h) + "x" + std::to_string(w) + " padded by " +
                       std::to_string(pad) + " do not fit the network's input");
    const std::uint8_t* src = images->pixels.data() + row(i) * static_cast<std::size_t>(h * w);
    T* in = m.input() + column;
    if (pad > 0)
      for (count_t f = 0; f < Model::input_size; ++f) in[f * stride] = T(0);
    for (count_t y = 0; y < h; ++y)
      for (count_t x = 0; x < w; ++x) in[((y + pad) * width + x + pad) * stride] = T(src[y * w + x]) * T(1.0 / 255);
  }
};

}  // namespace ctnn::data
