#pragma once
// The Iris protocol of sheet problem 4, shared by examples/iris_sweep and its tests.
#include <ctnn/ctnn.hpp>
#include <ctnn/data/dataset.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <vector>

namespace iris {

using namespace ctnn;
namespace hana = boost::hana;

// Each width is its own compile-time network.
template <count_t U>
using IrisNet = Network<Input<4>, Dense<U>, ReLU, Dense<U>, ReLU, Dense<3>, Softmax>;
constexpr auto widths = hana::tuple_c<count_t, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100>;

constexpr double sheet_grand_mean = 77.63;  // the sheet's "Average accuracy: 77.63333275541663 %"

struct Protocol {
  int epochs, repeats;
  count_t batch;
  double learning_rate, test_fraction;
  std::uint64_t seed;
  bool standardize, resplit, stratify;
};

struct Run {
  count_t units = 0;
  int repeat = 0;
  std::uint64_t seed = 0;
  Evaluation test, train;
};

// A seed for each (units, repeat), independent of the order runs execute in.
inline std::uint64_t run_seed(std::uint64_t seed, count_t units, int repeat) {
  Rng r(seed ^ (static_cast<std::uint64_t>(units) << 32) ^ static_cast<std::uint64_t>(repeat));
  return r();
}

inline data::Split make_split(const data::Dataset& all, const Protocol& p, int repeat) {
  Rng rng(p.resplit ? run_seed(p.seed, 0, repeat + 1) : p.seed);
  auto split = data::train_test_split(all, p.test_fraction, rng, p.stratify);
  if (p.standardize) {
    const auto scaler = data::Standardizer::fit(split.train);
    scaler.transform(split.train);
    scaler.transform(split.test);
  }
  return split;
}

template <count_t U>
Run train_one(const data::Split& split, const Protocol& p, int repeat) {
  Run r{U, repeat, run_seed(p.seed, U, repeat), {}, {}};
  Model<IrisNet<U>> model(p.batch, r.seed);
  Adam adam(p.learning_rate);
  const data::TableSource train{&split.train}, test{&split.test};
  fit(model, train, adam, FitOptions{.epochs = p.epochs, .batch_size = p.batch, .seed = r.seed});
  r.test = evaluate(model, test);
  r.train = evaluate(model, train);
  return r;
}

inline Run train_any(count_t units, const data::Split& split, const Protocol& p, int repeat) {
  Run result;
  hana::for_each(widths, [&](auto w) {
    if (w() == units) result = train_one<decltype(w)::value>(split, p, repeat);
  });
  return result;
}

// Trains every (u, repeat) on `workers` threads.
inline std::vector<Run> run_sweep(const std::vector<count_t>& units, const std::vector<data::Split>& splits,
                                  const Protocol& p, unsigned workers) {
  std::vector<Run> runs(units.size() * static_cast<std::size_t>(p.repeats));
  parallel_for(runs.size(), workers, [&](std::size_t i) {
    const int repeat = static_cast<int>(i % static_cast<std::size_t>(p.repeats));
    runs[i] = train_any(units[i / static_cast<std::size_t>(p.repeats)], splits[p.resplit ? repeat : 0], p, repeat);
  });
  return runs;
}

}  // namespace iris
