// Numbers are parsed with std::from_chars so the result does not depend on
// the C locale (under a German locale strtof would stop at the '.').
#include "ctnn/data/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unordered_map>

namespace ctnn::data {
namespace {

// Integer labels are class indices, so a label of a few million would mean
// millions of classes: far more likely an ID column picked by mistake.
constexpr std::int64_t max_integer_label = 999'999;

std::string_view trim(std::string_view s) {
  constexpr std::string_view space = " \t\r";
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (;;) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) return lines;
    text.remove_prefix(end + 1);
  }
}

void split_cells(std::string_view line, char delimiter, std::vector<std::string_view>& cells) {
  cells.clear();
  for (;;) {
    const auto end = line.find(delimiter);
    cells.push_back(trim(line.substr(0, end)));
    if (end == std::string_view::npos) return;
    line.remove_prefix(end + 1);
  }
}

// from_chars rejects a leading '+', which some exporters write.
std::string_view skip_plus(std::string_view cell) {
  if (cell.size() > 1 && cell[0] == '+' && cell[1] != '+' && cell[1] != '-') cell.remove_prefix(1);
  return cell;
}

enum class NumberError { none, empty, not_a_number, out_of_range, not_finite };

NumberError parse_float(std::string_view cell, float& out) {
  if (cell.empty()) return NumberError::empty;
  cell = skip_plus(cell);
  const char* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, out);
  if (ec == std::errc::result_out_of_range) return NumberError::out_of_range;
  if (ec != std::errc{} || ptr != end) return NumberError::not_a_number;
  if (!std::isfinite(out)) return NumberError::not_finite;
  return NumberError::none;
}

bool parse_integer(std::string_view cell, std::int64_t& out) {
  cell = skip_plus(cell);
  const char* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, out);
  return !cell.empty() && ec == std::errc{} && ptr == end;
}

// A binary file read by mistake would otherwise flood the message.
std::string quoted(std::string_view cell) {
  constexpr std::size_t max_shown = 40;
  if (cell.size() > max_shown) return '"' + std::string(cell.substr(0, max_shown)) + "...\"";
  return '"' + std::string(cell) + '"';
}

class Reporter {
public:
  explicit Reporter(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(const std::string& what) const { throw data_error(source_ + ": " + what); }
  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw data_error(source_ + ":" + std::to_string(line) + ": " + what);
  }

private:
  std::string source_;
};

std::string column_name(std::size_t index, std::string_view name) {
  return "column " + std::to_string(index + 1) + " '" + std::string(name) + "'";
}

std::string number_problem(NumberError error, std::string_view cell) {
  switch (error) {
    case NumberError::empty: return "empty cell, expected a number";
    case NumberError::out_of_range: return quoted(cell) + " is out of range for float";
    case NumberError::not_finite: return quoted(cell) + " is not a finite number";
    default: return quoted(cell) + " is not a number";
  }
}

struct Header {
  std::vector<std::string> names;
  std::size_t label = 0;
};

Header parse_header(std::string_view line, const CsvOptions& options, const Reporter& report) {
  if (trim(line).empty()) report.fail(1, "blank first line, expected the header row");
  std::vector<std::string_view> cells;
  split_cells(line, options.delimiter, cells);
  if (cells.size() < 2) {
    report.fail(1, "found 1 column, need at least 2 (features and a label); is the delimiter '" +
                       std::string(1, options.delimiter) + "'?");
  }
  Header header;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) report.fail(1, "column " + std::to_string(c + 1) + " has no name");
    for (std::size_t earlier = 0; earlier < c; ++earlier) {
      if (cells[earlier] == cells[c]) {
        report.fail(1, column_name(c, cells[c]) + " repeats the name of column " + std::to_string(earlier + 1));
      }
    }
    header.names.emplace_back(cells[c]);
  }
  header.label = header.names.size() - 1;
  if (!options.label_column.empty()) {
    std::size_t c = 0;
    while (c < header.names.size() && header.names[c] != options.label_column) ++c;
    if (c == header.names.size()) {
      std::string available;
      for (const auto& name : header.names) available += (available.empty() ? "" : ", ") + name;
      report.fail(1, "no label column named '" + options.label_column + "'; available columns: " + available);
    }
    header.label = c;
  }
  return header;
}

// Every row sits on line row + 2: line 1 is the header and blank lines are
// rejected before the end of the data.
std::size_t line_of_row(std::size_t row) { return row + 2; }

void assign_classes(Table& table, const std::vector<std::string_view>& labels, const std::string& label_column,
                    const Reporter& report) {
  std::vector<std::int64_t> integers(labels.size());
  bool all_integers = true;
  for (std::size_t r = 0; r < labels.size() && all_integers; ++r) all_integers = parse_integer(labels[r], integers[r]);

  table.labels.resize(labels.size());
  if (all_integers) {
    std::int64_t largest = 0;
    for (std::size_t r = 0; r < labels.size(); ++r) {
      if (integers[r] < 0) {
        report.fail(line_of_row(r), label_column + ": class index " + std::to_string(integers[r]) + " is negative");
      }
      if (integers[r] > max_integer_label) {
        report.fail(line_of_row(r), label_column + ": class index " + std::to_string(integers[r]) +
                                        " is above the limit of " + std::to_string(max_integer_label) +
                                        "; integer labels are class indices");
      }
      table.labels[r] = static_cast<std::int32_t>(integers[r]);
      largest = std::max(largest, integers[r]);
    }
    for (std::int64_t k = 0; k <= largest; ++k) table.class_names.push_back(std::to_string(k));
    return;
  }
  std::unordered_map<std::string_view, std::int32_t> index_of;
  for (std::size_t r = 0; r < labels.size(); ++r) {
    const auto [it, inserted] = index_of.try_emplace(labels[r], static_cast<std::int32_t>(index_of.size()));
    if (inserted) table.class_names.emplace_back(labels[r]);
    table.labels[r] = it->second;
  }
}

}  // namespace

Table parse_csv(std::string_view text, std::string_view source_name, const CsvOptions& options) {
  const Reporter report{source_name};
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte-order mark from spreadsheet exports
  auto lines = split_lines(text);
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  if (lines.empty()) report.fail("file is empty, expected a header row and data rows");

  const Header header = parse_header(lines[0], options, report);
  if (lines.size() == 1) report.fail(1, "a header row but no data rows");

  Table table;
  table.rows = lines.size() - 1;
  table.cols = header.names.size() - 1;
  for (std::size_t c = 0; c < header.names.size(); ++c) {
    if (c != header.label) table.feature_names.push_back(header.names[c]);
  }
  const std::string label_column = column_name(header.label, header.names[header.label]);

  table.features.reserve(table.rows * table.cols);
  std::vector<std::string_view> labels;
  labels.reserve(table.rows);
  std::vector<std::string_view> cells;
  for (std::size_t r = 0; r < table.rows; ++r) {
    const std::size_t line = line_of_row(r);
    const std::string_view text_line = lines[r + 1];
    if (trim(text_line).empty()) report.fail(line, "blank line inside the data (only trailing blank lines are allowed)");
    split_cells(text_line, options.delimiter, cells);
    if (cells.size() != header.names.size()) {
      report.fail(line, "expected " + std::to_string(header.names.size()) + " cells (one per header column), found " +
                            std::to_string(cells.size()));
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c == header.label) {
        if (cells[c].empty()) report.fail(line, label_column + ": empty label");
        labels.push_back(cells[c]);
        continue;
      }
      float value = 0;
      if (const auto error = parse_float(cells[c], value); error != NumberError::none) {
        report.fail(line, column_name(c, header.names[c]) + ": " + number_problem(error, cells[c]));
      }
      table.features.push_back(value);
    }
  }
  assign_classes(table, labels, label_column, report);
  return table;
}

Table read_csv(const std::filesystem::path& file, const CsvOptions& options) {
  const std::string name = file.string();
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) throw data_error(name + ": no such file");
  if (std::filesystem::is_directory(status)) throw data_error(name + ": is a directory, expected a CSV file");

  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const std::string reason = errno != 0 ? " (" + std::generic_category().message(errno) + ")" : "";
    throw data_error(name + ": cannot open for reading" + reason);
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw data_error(name + ": read error");
  return parse_csv(contents.str(), name, options);
}

}  // namespace ctnn::data
