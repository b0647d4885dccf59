#include "ctnn/data/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <string>

namespace ctnn::data {
namespace {

std::string format(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Hand-built tables and datasets reach these functions too, and a size
// mismatch would otherwise read out of bounds far from its cause.
void check_consistent(const Dataset& data, const std::string& caller) {
  if (data.features.size() != data.rows * data.cols) {
    throw data_error(caller + ": features hold " + std::to_string(data.features.size()) + " values, expected rows x cols = " +
                     std::to_string(data.rows) + " x " + std::to_string(data.cols));
  }
  if (data.labels.size() != data.rows) {
    throw data_error(caller + ": " + std::to_string(data.labels.size()) + " labels for " + std::to_string(data.rows) +
                     " rows");
  }
  for (std::size_t r = 0; r < data.rows; ++r) {
    if (data.labels[r] < 0 || static_cast<std::size_t>(data.labels[r]) >= data.classes) {
      throw data_error(caller + ": label " + std::to_string(data.labels[r]) + " of row " + std::to_string(r) +
                       " is outside [0, " + std::to_string(data.classes) + ")");
    }
  }
}

// scikit-learn's ceil, except that products such as 0.07 * 100 =
// 7.000000000000001 count as the integer they were meant to be.
std::size_t test_count(double fraction, std::size_t rows) {
  const double exact = fraction * static_cast<double>(rows);
  const double nearest = std::round(exact);
  if (std::abs(exact - nearest) <= 1e-9 * std::max(1.0, exact)) return static_cast<std::size_t>(nearest);
  return static_cast<std::size_t>(std::ceil(exact));
}

// Largest-remainder apportionment in integers, so no rounding noise decides
// which class gets an extra test row; ties go to the larger, then the
// lower-numbered class.
std::vector<std::size_t> allocate_test_rows(std::size_t n_test, const std::vector<std::vector<std::size_t>>& members,
                                            std::size_t rows) {
  const std::size_t classes = members.size();
  std::vector<std::size_t> share(classes), remainder(classes);
  std::size_t given = 0;
  for (std::size_t c = 0; c < classes; ++c) {
    share[c] = n_test * members[c].size() / rows;
    remainder[c] = n_test * members[c].size() % rows;
    given += share[c];
  }
  std::vector<std::size_t> by_remainder(classes);
  std::iota(by_remainder.begin(), by_remainder.end(), std::size_t{0});
  std::stable_sort(by_remainder.begin(), by_remainder.end(), [&](std::size_t a, std::size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return members[a].size() > members[b].size();
  });
  for (std::size_t k = 0; given < n_test; ++k, ++given) ++share[by_remainder[k]];
  return share;
}

Dataset take_rows(const Dataset& data, std::span<const std::size_t> rows) {
  Dataset out{rows.size(), data.cols, data.classes, {}, {}};
  out.features.reserve(rows.size() * data.cols);
  out.labels.reserve(rows.size());
  for (const std::size_t r : rows) {
    const auto row = data.features.begin() + static_cast<std::ptrdiff_t>(r * data.cols);
    out.features.insert(out.features.end(), row, row + static_cast<std::ptrdiff_t>(data.cols));
    out.labels.push_back(data.labels[r]);
  }
  return out;
}

}  // namespace

Dataset to_dataset(const Table& table) {
  Dataset data{table.rows, table.cols, table.class_names.size(), table.features, table.labels};
  check_consistent(data, "to_dataset");
  return data;
}

std::vector<float> one_hot(std::span<const std::int32_t> labels, std::size_t classes) {
  std::vector<float> out(labels.size() * classes, 0.0f);
  for (std::size_t r = 0; r < labels.size(); ++r) {
    if (labels[r] < 0 || static_cast<std::size_t>(labels[r]) >= classes) {
      throw data_error("one_hot: label " + std::to_string(labels[r]) + " of row " + std::to_string(r) +
                       " is outside [0, " + std::to_string(classes) + ")");
    }
    out[r * classes + static_cast<std::size_t>(labels[r])] = 1.0f;
  }
  return out;
}

Split train_test_split(const Dataset& data, double test_fraction, Rng& rng, bool stratify) {
  check_consistent(data, "train_test_split");
  if (!(test_fraction > 0.0 && test_fraction < 1.0)) {
    throw data_error("train_test_split: test_fraction must be between 0 and 1 (exclusive), got " + format(test_fraction));
  }
  const std::size_t n_test = test_count(test_fraction, data.rows);
  if (n_test == 0 || n_test >= data.rows) {
    throw data_error("train_test_split: test_fraction " + format(test_fraction) + " of " + std::to_string(data.rows) +
                     " rows leaves the " + (n_test == 0 ? "test" : "train") + " part empty");
  }

  std::vector<std::size_t> train_rows, test_rows;
  if (!stratify) {
    const auto order = epoch_order(data.rows, rng, true);
    test_rows.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_test));
    train_rows.assign(order.begin() + static_cast<std::ptrdiff_t>(n_test), order.end());
  } else {
    std::vector<std::vector<std::size_t>> members(data.classes);
    for (std::size_t r = 0; r < data.rows; ++r) members[static_cast<std::size_t>(data.labels[r])].push_back(r);
    for (std::size_t c = 0; c < data.classes; ++c) {
      if (members[c].size() == 1) {
        throw data_error("train_test_split: class " + std::to_string(c) +
                         " has only 1 row; a stratified split needs at least 2 per class");
      }
    }
    const auto share = allocate_test_rows(n_test, members, data.rows);
    for (std::size_t c = 0; c < data.classes; ++c) {
      shuffle(std::span<std::size_t>(members[c]), rng);
      const auto cut = members[c].begin() + static_cast<std::ptrdiff_t>(share[c]);
      test_rows.insert(test_rows.end(), members[c].begin(), cut);
      train_rows.insert(train_rows.end(), cut, members[c].end());
    }
    // Grouped by class, the parts would feed whole batches of one class.
    shuffle(std::span<std::size_t>(test_rows), rng);
    shuffle(std::span<std::size_t>(train_rows), rng);
  }
  return {take_rows(data, train_rows), take_rows(data, test_rows)};
}

Standardizer Standardizer::fit(const Dataset& data) {
  check_consistent(data, "Standardizer::fit");
  if (data.rows == 0) throw data_error("Standardizer::fit: the dataset has no rows");
  Standardizer s;
  s.mean.resize(data.cols);
  s.scale.resize(data.cols);
  const auto n = static_cast<double>(data.rows);
  for (std::size_t c = 0; c < data.cols; ++c) {
    // Two passes in double: exact zero spread for a constant feature and no
    // cancellation from sum-of-squares.
    double sum = 0;
    for (std::size_t r = 0; r < data.rows; ++r) sum += data.features[r * data.cols + c];
    const double mean = sum / n;
    double squares = 0;
    for (std::size_t r = 0; r < data.rows; ++r) {
      const double d = data.features[r * data.cols + c] - mean;
      squares += d * d;
    }
    const double std_dev = std::sqrt(squares / n);
    s.mean[c] = static_cast<float>(mean);
    s.scale[c] = std_dev > 0 ? static_cast<float>(std_dev) : 1.0f;
  }
  return s;
}

void Standardizer::transform(Dataset& data) const {
  if (data.cols != mean.size()) {
    throw data_error("Standardizer::transform: the dataset has " + std::to_string(data.cols) +
                     " features, the standardizer was fitted on " + std::to_string(mean.size()));
  }
  if (data.features.size() != data.rows * data.cols) {
    throw data_error("Standardizer::transform: features hold " + std::to_string(data.features.size()) +
                     " values, expected rows x cols");
  }
  for (std::size_t i = 0; i < data.features.size(); ++i) {
    const std::size_t c = i % data.cols;
    data.features[i] = (data.features[i] - mean[c]) / scale[c];
  }
}

IndexSplit split_indices(std::size_t rows, std::size_t held_out, Rng& rng) {
  if (held_out >= rows)
    throw data_error("split_indices: cannot hold out " + std::to_string(held_out) + " of " + std::to_string(rows) +
                     " rows and keep any for training");
  const auto order = epoch_order(rows, rng, true);
  const auto cut = order.begin() + static_cast<std::ptrdiff_t>(held_out);
  return {{cut, order.end()}, {order.begin(), cut}};
}

std::vector<std::size_t> epoch_order(std::size_t rows, Rng& rng, bool shuffle) {
  std::vector<std::size_t> order(rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (shuffle) ctnn::shuffle(std::span<std::size_t>(order), rng);
  return order;
}

std::size_t batch_count(std::size_t rows, std::size_t batch_size) {
  if (batch_size == 0) throw data_error("batch_count: batch_size must be at least 1");
  return rows / batch_size + (rows % batch_size != 0 ? 1 : 0);
}

std::span<const std::size_t> batch_indices(std::span<const std::size_t> order, std::size_t index,
                                           std::size_t batch_size) {
  const std::size_t batches = batch_count(order.size(), batch_size);
  if (index >= batches) {
    throw data_error("batch_indices: batch " + std::to_string(index) + " requested, the epoch has " +
                     std::to_string(batches));
  }
  const std::size_t begin = index * batch_size;
  return order.subspan(begin, std::min(batch_size, order.size() - begin));
}

}  // namespace ctnn::data
