#pragma once
// Where fit() and evaluate() take their samples from: anything with size(),
// label(i) and load(model, column, i). Sources are views: a split or a subset
// is a list of row indices, never a copy of the data.
#include <cstdint>
#include <span>
#include <vector>

#include "../shape.hpp"
#include "dataset.hpp"

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

}  // namespace ctnn::data
