#pragma once
// Reads small tabular datasets (Iris-style): a header row, numeric feature
// columns and one class-label column. Cells are not quoted; a quoted cell
// holding the delimiter shows up as a ragged row rather than being misread.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ctnn/data/error.hpp"

namespace ctnn::data {

struct CsvOptions {
  std::string label_column;  // header name of the class column; empty = last column
  char delimiter = ',';
};

// Label strings become class indices in order of first appearance. If every
// label is a non-negative integer, the integer is the class index and
// class_names are "0" up to the largest one.
struct Table {
  std::size_t rows = 0, cols = 0;  // cols = number of feature columns
  std::vector<float> features;     // row-major, rows x cols
  std::vector<std::int32_t> labels;
  std::vector<std::string> feature_names, class_names;  // class_names[label]
};

// Both throw data_error naming the source (and line, column where it
// applies); nothing partly parsed is ever returned.
Table read_csv(const std::filesystem::path& file, const CsvOptions& options = {});
Table parse_csv(std::string_view text, std::string_view source_name, const CsvOptions& options = {});

}  // namespace ctnn::data
