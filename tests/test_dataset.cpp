#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "ctnn/data/dataset.hpp"

using namespace ctnn::data;

namespace {

Dataset iris() { return to_dataset(read_csv(CTNN_SOURCE_DIR "/data/iris.csv")); }

// Feature 0 is the row's original index and the label is a function of it,
// so a split can be checked for lost, repeated or mismatched rows.
Dataset numbered(std::size_t rows, std::size_t classes) {
  Dataset d{rows, 2, classes, {}, {}};
  for (std::size_t r = 0; r < rows; ++r) {
    d.features.push_back(static_cast<float>(r));
    d.features.push_back(static_cast<float>(r) * 0.5f);
    d.labels.push_back(static_cast<std::int32_t>(r % classes));
  }
  return d;
}

std::vector<std::size_t> ids(const Dataset& d) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < d.rows; ++r) out.push_back(static_cast<std::size_t>(d.features[r * d.cols]));
  return out;
}

std::vector<std::size_t> class_counts(const Dataset& d) {
  std::vector<std::size_t> counts(d.classes, 0);
  for (const auto label : d.labels) ++counts.at(static_cast<std::size_t>(label));
  return counts;
}

void check_partition(const Dataset& original, const Split& split) {
  auto all = ids(split.train);
  const auto test = ids(split.test);
  all.insert(all.end(), test.begin(), test.end());
  std::sort(all.begin(), all.end());
  std::vector<std::size_t> expected(original.rows);
  std::iota(expected.begin(), expected.end(), std::size_t{0});
  CHECK(all == expected);
  for (const Dataset* part : {&split.train, &split.test}) {
    CHECK(part->cols == original.cols);
    CHECK(part->classes == original.classes);
    CHECK(part->features.size() == part->rows * part->cols);
    REQUIRE(part->labels.size() == part->rows);
    for (std::size_t r = 0; r < part->rows; ++r) {
      const auto id = static_cast<std::size_t>(part->features[r * part->cols]);
      CHECK(part->labels[r] == original.labels[id]);
      CHECK(part->features[r * part->cols + 1] == original.features[id * original.cols + 1]);
    }
  }
}

}  // namespace

TEST_CASE("to_dataset keeps the table and counts its classes") {
  const Dataset d = iris();
  CHECK(d.rows == 150);
  CHECK(d.cols == 4);
  CHECK(d.classes == 3);
  CHECK(d.features.size() == 600);
  CHECK(class_counts(d) == std::vector<std::size_t>{50, 50, 50});

  Table broken = read_csv(CTNN_SOURCE_DIR "/data/iris.csv");
  broken.features.pop_back();
  CHECK_THROWS_AS(to_dataset(broken), data_error);
}

TEST_CASE("one_hot") {
  const std::vector<std::int32_t> labels{2, 0, 1};
  CHECK(one_hot(labels, 3) == std::vector<float>{0, 0, 1, 1, 0, 0, 0, 1, 0});
  CHECK(one_hot(labels, 4).size() == 12);
  const std::vector<std::int32_t> too_big{0, 3};
  CHECK_THROWS_AS(one_hot(too_big, 3), data_error);
  const std::vector<std::int32_t> negative{-1};
  CHECK_THROWS_AS(one_hot(negative, 3), data_error);
}

TEST_CASE("a 0.2 split of iris has 120 train and 30 test rows and loses no row") {
  const Dataset d = numbered(150, 3);
  ctnn::Rng rng{42};
  const Split s = train_test_split(d, 0.2, rng);
  CHECK(s.train.rows == 120);
  CHECK(s.test.rows == 30);
  check_partition(d, s);
  // Shuffled, not the first or last 30 rows in file order.
  const auto test_ids = ids(s.test), train_ids = ids(s.train);
  CHECK_FALSE(std::is_sorted(test_ids.begin(), test_ids.end()));
  CHECK_FALSE(std::is_sorted(train_ids.begin(), train_ids.end()));

  ctnn::Rng iris_rng{42};
  const Split real = train_test_split(iris(), 0.2, iris_rng);
  CHECK(real.train.rows == 120);
  CHECK(real.test.rows == 30);
}

TEST_CASE("the test part is ceil(fraction * rows), ignoring floating-point noise") {
  ctnn::Rng rng{1};
  CHECK(train_test_split(numbered(10, 2), 0.25, rng).test.rows == 3);
  CHECK(train_test_split(numbered(100, 2), 0.07, rng).test.rows == 7);  // 0.07 * 100 = 7.000000000000001
  CHECK(train_test_split(numbered(100, 2), 0.55, rng).test.rows == 55);
  CHECK(train_test_split(numbered(10, 2), 0.3, rng).test.rows == 3);
  CHECK(train_test_split(numbered(3, 1), 0.1, rng).test.rows == 1);
}

TEST_CASE("a stratified split keeps the class proportions") {
  const Dataset d = iris();
  ctnn::Rng rng{7};
  const Split s = train_test_split(d, 0.2, rng, true);
  CHECK(class_counts(s.test) == std::vector<std::size_t>{10, 10, 10});
  CHECK(class_counts(s.train) == std::vector<std::size_t>{40, 40, 40});
  // Mixed, not grouped by class.
  CHECK_FALSE(std::is_sorted(s.test.labels.begin(), s.test.labels.end()));
  CHECK_FALSE(std::is_sorted(s.train.labels.begin(), s.train.labels.end()));

  const Dataset n = numbered(150, 3);
  ctnn::Rng rng2{7};
  check_partition(n, train_test_split(n, 0.2, rng2, true));
}

TEST_CASE("a stratified split gives rounding leftovers to the largest remainders") {
  // Classes of 3, 5 and 2 rows, half to test: 1.5, 2.5 and 1 rows. The tie
  // between the first two goes to the larger class.
  Dataset d{10, 1, 3, {}, {0, 0, 0, 1, 1, 1, 1, 1, 2, 2}};
  for (int r = 0; r < 10; ++r) d.features.push_back(static_cast<float>(r));
  ctnn::Rng rng{3};
  const Split s = train_test_split(d, 0.5, rng, true);
  CHECK(class_counts(s.test) == std::vector<std::size_t>{1, 3, 1});
  CHECK(class_counts(s.train) == std::vector<std::size_t>{2, 2, 1});
}

TEST_CASE("a stratified split needs two rows of every present class") {
  Dataset d{5, 1, 3, {0, 1, 2, 3, 4}, {0, 0, 0, 0, 1}};
  ctnn::Rng rng{3};
  CHECK_THROWS_AS(train_test_split(d, 0.2, rng, true), data_error);
  d.labels.back() = 0;  // class 1 and 2 now empty, which is allowed
  CHECK(train_test_split(d, 0.2, rng, true).test.rows == 1);
}

TEST_CASE("a split is reproducible from the seed") {
  const Dataset d = numbered(150, 3);
  for (const bool stratify : {false, true}) {
    ctnn::Rng a{2024}, b{2024}, c{2025};
    const Split first = train_test_split(d, 0.2, a, stratify);
    const Split again = train_test_split(d, 0.2, b, stratify);
    const Split other = train_test_split(d, 0.2, c, stratify);
    CHECK(first.test.features == again.test.features);
    CHECK(first.train.features == again.train.features);
    CHECK(first.test.labels == again.test.labels);
    CHECK(first.test.features != other.test.features);
  }
}

TEST_CASE("an invalid fraction or an empty side is a data_error") {
  const Dataset d = numbered(10, 2);
  ctnn::Rng rng{1};
  for (const double bad : {0.0, 1.0, -0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(train_test_split(d, bad, rng), data_error);
  }
  CHECK_THROWS_WITH_AS(train_test_split(d, 0.95, rng), "train_test_split: test_fraction 0.95 of 10 rows leaves the train part empty",
                       data_error);
  CHECK_THROWS_AS(train_test_split(numbered(1, 1), 0.5, rng), data_error);
  CHECK_THROWS_AS(train_test_split(numbered(0, 1), 0.5, rng), data_error);
}

TEST_CASE("the standardizer fitted on the train part gives it mean 0 and std 1") {
  ctnn::Rng rng{5};
  Split s = train_test_split(iris(), 0.2, rng, true);
  const Dataset test_before = s.test;
  const Standardizer scaler = Standardizer::fit(s.train);
  REQUIRE(scaler.mean.size() == 4);
  REQUIRE(scaler.scale.size() == 4);
  scaler.transform(s.train);
  scaler.transform(s.test);
  for (std::size_t c = 0; c < 4; ++c) {
    double sum = 0, squares = 0;
    for (std::size_t r = 0; r < s.train.rows; ++r) sum += s.train.features[r * 4 + c];
    const double mean = sum / static_cast<double>(s.train.rows);
    for (std::size_t r = 0; r < s.train.rows; ++r) squares += std::pow(s.train.features[r * 4 + c] - mean, 2);
    CHECK(mean == doctest::Approx(0.0).epsilon(1e-5));
    CHECK(std::sqrt(squares / static_cast<double>(s.train.rows)) == doctest::Approx(1.0).epsilon(1e-5));
  }
  // The test part uses the train statistics, not its own.
  for (std::size_t i = 0; i < s.test.features.size(); ++i) {
    CHECK(s.test.features[i] == doctest::Approx((test_before.features[i] - scaler.mean[i % 4]) / scaler.scale[i % 4]));
  }
}

TEST_CASE("a constant feature gets scale 1 and becomes 0") {
  Dataset d{3, 2, 1, {7, 1, 7, 2, 7, 3}, {0, 0, 0}};
  const Standardizer scaler = Standardizer::fit(d);
  CHECK(scaler.mean == std::vector<float>{7, 2});
  CHECK(scaler.scale[0] == 1.0f);
  CHECK(scaler.scale[1] == doctest::Approx(std::sqrt(2.0 / 3.0)));
  scaler.transform(d);
  CHECK(d.features[0] == 0.0f);
  CHECK(d.features[2] == 0.0f);
  CHECK(d.features[3] == 0.0f);

  Dataset wider{1, 3, 1, {1, 2, 3}, {0}};
  CHECK_THROWS_AS(scaler.transform(wider), data_error);
  CHECK_THROWS_AS(Standardizer::fit(Dataset{0, 2, 1, {}, {}}), data_error);
}

TEST_CASE("epoch_order is a reproducible permutation") {
  ctnn::Rng a{9}, b{9};
  const auto first = epoch_order(100, a, true);
  CHECK(first == epoch_order(100, b, true));
  std::vector<std::size_t> identity(100);
  std::iota(identity.begin(), identity.end(), std::size_t{0});
  CHECK(first != identity);
  CHECK(std::is_permutation(first.begin(), first.end(), identity.begin()));
  CHECK(epoch_order(100, a, true) != first);  // the next epoch differs
  CHECK(epoch_order(100, a, false) == identity);
  CHECK(epoch_order(0, a, true).empty());
}

TEST_CASE("batches cover the epoch with a partial last batch") {
  CHECK(batch_count(10, 3) == 4);
  CHECK(batch_count(9, 3) == 3);
  CHECK(batch_count(0, 3) == 0);
  CHECK(batch_count(2, 32) == 1);
  CHECK_THROWS_AS(batch_count(10, 0), data_error);

  ctnn::Rng rng{11};
  const auto order = epoch_order(10, rng, true);
  std::vector<std::size_t> joined;
  for (std::size_t b = 0; b < batch_count(10, 3); ++b) {
    const auto batch = batch_indices(order, b, 3);
    CHECK(batch.size() == (b < 3 ? 3u : 1u));
    joined.insert(joined.end(), batch.begin(), batch.end());
  }
  CHECK(joined == order);
  CHECK_THROWS_AS(batch_indices(order, 4, 3), data_error);
}

TEST_CASE("split_indices holds out a seeded random part, disjoint from the rest, nothing lost") {
  ctnn::Rng a(42), b(42), c(43);
  const auto s = ctnn::data::split_indices(60000, 6000, a);
  CHECK(s.rest.size() == 54000);
  CHECK(s.held_out.size() == 6000);
  std::vector<std::size_t> all(s.rest);
  all.insert(all.end(), s.held_out.begin(), s.held_out.end());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) REQUIRE(all[i] == i);
  CHECK(ctnn::data::split_indices(60000, 6000, b).held_out == s.held_out);
  CHECK(ctnn::data::split_indices(60000, 6000, c).held_out != s.held_out);
  ctnn::Rng d(1);
  CHECK_THROWS_AS(ctnn::data::split_indices(10, 10, d), ctnn::data::data_error);
}
