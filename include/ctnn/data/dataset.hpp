#pragma once
// In-memory classification data and the steps between reading a file and
// training: train/test split, feature scaling, one-hot targets, mini-batches.
// Every random choice draws from the caller's ctnn::Rng, so a seed fixes the
// split and the batch order on any compiler and standard library.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ctnn/data/csv.hpp"
#include "ctnn/data/error.hpp"
#include "ctnn/random.hpp"

namespace ctnn::data {

struct Dataset {
  std::size_t rows = 0, cols = 0, classes = 0;
  std::vector<float> features;  // row-major, rows x cols
  std::vector<std::int32_t> labels;
};

Dataset to_dataset(const Table& table);  // classes = class_names.size()

// Row-major rows x classes; a label outside [0, classes) is a data_error.
std::vector<float> one_hot(std::span<const std::int32_t> labels, std::size_t classes);

struct Split {
  Dataset train, test;
};

// The test part gets ceil(test_fraction * rows) rows, as in scikit-learn,
// but without floating-point noise: 0.07 of 100 rows is 7, not 8. Both parts
// are in shuffled order. With stratify, each class is split in the same
// proportion (largest remainders get the rounding), so Iris at 0.2 puts 10
// of each species in the test part; every class then needs at least 2 rows.
Split train_test_split(const Dataset& data, double test_fraction, Rng& rng, bool stratify = false);

// Per-feature standardization, z = (x - mean) / scale, with the population
// standard deviation as scale (1 for a constant feature, which then maps to
// 0). Fit it on the training part only, then transform both parts, so no
// test statistics leak into training.
struct Standardizer {
  std::vector<float> mean, scale;

  static Standardizer fit(const Dataset& data);
  void transform(Dataset& data) const;
};

// Row indices 0..rows-1 split at random into a held-out part of held_out rows
// and the rest, each in shuffled order: a validation split that copies no data.
struct IndexSplit {
  std::vector<std::size_t> rest, held_out;
};
IndexSplit split_indices(std::size_t rows, std::size_t held_out, Rng& rng);

// The row order for one epoch: 0..rows-1, shuffled when asked.
std::vector<std::size_t> epoch_order(std::size_t rows, Rng& rng, bool shuffle);

// Number of mini-batches in an epoch; the last one may be partial.
std::size_t batch_count(std::size_t rows, std::size_t batch_size);

// The row indices of batch `index` within an epoch order (the last batch
// holds the remainder).
std::span<const std::size_t> batch_indices(std::span<const std::size_t> order, std::size_t index,
                                           std::size_t batch_size);

}  // namespace ctnn::data
