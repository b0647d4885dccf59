#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

#include "ctnn/data/csv.hpp"

using namespace ctnn::data;

namespace {

// The message of the data_error thrown by `load`, or a failed check.
std::string error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const data_error& e) {
    return e.what();
  }
  FAIL("expected a data_error");
  return {};
}

std::string parse_error(std::string_view text, std::string_view name, const CsvOptions& options = {}) {
  return error_of([&] { parse_csv(text, name, options); });
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A scratch directory per process (tests may run in parallel), removed at
// the end of the test.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("ctnn_test_csv_" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

}  // namespace

TEST_CASE("the real iris.csv loads as 150 x 4 with 50 rows per species") {
  const Table t = read_csv(CTNN_SOURCE_DIR "/data/iris.csv");
  CHECK(t.rows == 150);
  CHECK(t.cols == 4);
  CHECK(t.features.size() == 600);
  CHECK(t.labels.size() == 150);
  CHECK(t.feature_names == std::vector<std::string>{"sepal_length", "sepal_width", "petal_length", "petal_width"});
  CHECK(t.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  std::vector<int> per_class(3, 0);
  for (const auto label : t.labels) ++per_class.at(static_cast<std::size_t>(label));
  CHECK(per_class == std::vector<int>{50, 50, 50});
  CHECK(std::vector<float>(t.features.begin(), t.features.begin() + 4) == std::vector<float>{5.1f, 3.5f, 1.4f, 0.2f});
  CHECK(t.labels.front() == 0);
  CHECK(std::vector<float>(t.features.end() - 4, t.features.end()) == std::vector<float>{5.9f, 3.0f, 5.1f, 1.8f});
  CHECK(t.labels.back() == 2);
}

TEST_CASE("string labels are numbered in order of first appearance") {
  const Table t = parse_csv("x,y\n1,b\n2,a\n3,b\n4,c\n", "s.csv");
  CHECK(t.labels == std::vector<std::int32_t>{0, 1, 0, 2});
  CHECK(t.class_names == std::vector<std::string>{"b", "a", "c"});
}

TEST_CASE("integer labels are class indices") {
  const Table t = parse_csv("x,y,cls\n1,2,2\n3,4,0\n5,6,+2\n", "ints.csv");
  CHECK(t.labels == std::vector<std::int32_t>{2, 0, 2});
  CHECK(t.class_names == std::vector<std::string>{"0", "1", "2"});
  CHECK(t.features == std::vector<float>{1, 2, 3, 4, 5, 6});

  const auto negative = parse_error("x,cls\n1,0\n2,-1\n", "neg.csv");
  CHECK(contains(negative, "neg.csv:3:"));
  CHECK(contains(negative, "column 2 'cls'"));
  CHECK(contains(negative, "class index -1 is negative"));

  CHECK(contains(parse_error("x,id\n1,5000000\n", "ids.csv"), "ids.csv:2:"));
}

TEST_CASE("labels that are not all integers are names") {
  const Table t = parse_csv("x,cls\n1,1\n2,1.5\n3,1\n", "mixed.csv");
  CHECK(t.class_names == std::vector<std::string>{"1", "1.5"});
  CHECK(t.labels == std::vector<std::int32_t>{0, 1, 0});
}

TEST_CASE("the label column can be chosen by name and sit anywhere") {
  CsvOptions options;
  options.label_column = "kind";
  const Table t = parse_csv("a,kind,b\n1,x,2\n3,y,4\n", "mid.csv", options);
  CHECK(t.cols == 2);
  CHECK(t.feature_names == std::vector<std::string>{"a", "b"});
  CHECK(t.features == std::vector<float>{1, 2, 3, 4});
  CHECK(t.class_names == std::vector<std::string>{"x", "y"});
}

TEST_CASE("another delimiter") {
  CsvOptions options;
  options.delimiter = ';';
  const Table t = parse_csv("a;b;label\n1.5;-2e3;x\n", "semi.csv", options);
  CHECK(t.features == std::vector<float>{1.5f, -2000.0f});
}

TEST_CASE("CRLF endings, spaces around cells, a byte-order mark and trailing blank lines are accepted") {
  const Table t = parse_csv("\xEF\xBB\xBF" "a , b,label\r\n 1 ,\t2 , x \r\n3,4,y\r\n\r\n  \r\n", "crlf.csv");
  CHECK(t.rows == 2);
  CHECK(t.feature_names == std::vector<std::string>{"a", "b"});
  CHECK(t.features == std::vector<float>{1, 2, 3, 4});
  CHECK(t.class_names == std::vector<std::string>{"x", "y"});

  const Table no_final_newline = parse_csv("a,label\n1,x", "nofinal.csv");
  CHECK(no_final_newline.rows == 1);
}

TEST_CASE("a missing file or a directory is reported with its path") {
  const TempDir dir;
  const auto missing = error_of([&] { read_csv(dir.path / "none.csv"); });
  CHECK(contains(missing, "none.csv"));
  CHECK(contains(missing, "no such file"));

  const auto directory = error_of([&] { read_csv(dir.path); });
  CHECK(contains(directory, dir.path.string()));
  CHECK(contains(directory, "is a directory"));
}

TEST_CASE("errors from a file on disk name the file and line") {
  const TempDir dir;
  const auto file = dir.write("bad_iris.csv", "a,b,label\r\n1,2,x\r\n1,oops,y\r\n");
  const auto message = error_of([&] { read_csv(file); });
  CHECK(contains(message, file.string() + ":3:"));
  CHECK(contains(message, "\"oops\" is not a number"));

  const auto empty = error_of([&] { read_csv(dir.write("empty.csv", "")); });
  CHECK(contains(empty, "empty.csv"));
  CHECK(contains(empty, "file is empty"));
}

TEST_CASE("an empty or blank input is an error") {
  const auto message = parse_error("", "empty.csv");
  CHECK(contains(message, "empty.csv"));
  CHECK(contains(message, "file is empty"));
  CHECK(contains(parse_error("\r\n\n  \n", "blank.csv"), "file is empty"));
}

TEST_CASE("a header without rows is an error") {
  const auto message = parse_error("a,b,label\r\n\r\n", "header.csv");
  CHECK(contains(message, "header.csv:1:"));
  CHECK(contains(message, "a header row but no data rows"));
}

TEST_CASE("a ragged row says how many cells were expected and found") {
  const auto shorter = parse_error("a,b,label\n1,2,x\n1,2\n", "ragged.csv");
  CHECK(contains(shorter, "ragged.csv:3:"));
  CHECK(contains(shorter, "expected 3 cells"));
  CHECK(contains(shorter, "found 2"));

  const auto longer = parse_error("a,b,label\n1,2,x,9\n", "long.csv");
  CHECK(contains(longer, "long.csv:2:"));
  CHECK(contains(longer, "found 4"));
}

TEST_CASE("a non-numeric feature cell is quoted with its line and column") {
  const auto message = parse_error("a,b,label\n1,2,x\n1, abc ,y\n", "text.csv");
  CHECK(contains(message, "text.csv:3:"));
  CHECK(contains(message, "column 2 'b'"));
  CHECK(contains(message, "\"abc\" is not a number"));

  const auto partial = parse_error("a,b,label\n1.5x,2,x\n", "partial.csv");
  CHECK(contains(partial, "partial.csv:2:"));
  CHECK(contains(partial, "column 1 'a'"));
  CHECK(contains(partial, "\"1.5x\""));

  const auto empty = parse_error("a,b,label\n1,,x\n", "hole.csv");
  CHECK(contains(empty, "hole.csv:2:"));
  CHECK(contains(empty, "column 2 'b': empty cell"));

  CHECK(contains(parse_error("a,b,label\n1,nan,x\n", "nan.csv"), "\"nan\" is not a finite number"));
  CHECK(contains(parse_error("a,b,label\n1,1e99,x\n", "big.csv"), "out of range"));
}

TEST_CASE("an empty label is an error") {
  const auto message = parse_error("a,label\n1,x\n2, \n", "nolabel.csv");
  CHECK(contains(message, "nolabel.csv:3:"));
  CHECK(contains(message, "column 2 'label': empty label"));
}

TEST_CASE("an unknown label column lists the available columns") {
  CsvOptions options;
  options.label_column = "kind";
  const auto message = parse_error("a,b,species\n1,2,x\n", "iris.csv", options);
  CHECK(contains(message, "iris.csv:1:"));
  CHECK(contains(message, "no label column named 'kind'"));
  CHECK(contains(message, "available columns: a, b, species"));
}

TEST_CASE("fewer than two columns is an error that hints at the delimiter") {
  const auto message = parse_error("a;b;label\n1;2;x\n", "semicolons.csv");
  CHECK(contains(message, "semicolons.csv:1:"));
  CHECK(contains(message, "need at least 2"));
  CHECK(contains(message, "delimiter ','"));
}

TEST_CASE("a blank line inside the data is an error") {
  const auto message = parse_error("a,label\n1,x\n\n2,y\n", "gap.csv");
  CHECK(contains(message, "gap.csv:3:"));
  CHECK(contains(message, "blank line inside the data"));
}

TEST_CASE("header names must be present and distinct") {
  const auto repeated = parse_error("a,b,a,label\n1,2,3,x\n", "dup.csv");
  CHECK(contains(repeated, "dup.csv:1:"));
  CHECK(contains(repeated, "column 3 'a' repeats the name of column 1"));

  const auto unnamed = parse_error("a,,label\n1,2,x\n", "unnamed.csv");
  CHECK(contains(unnamed, "unnamed.csv:1:"));
  CHECK(contains(unnamed, "column 2 has no name"));
}
