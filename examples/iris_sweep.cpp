// Sheet problem 4: Iris with Input(4) -> Dense(u, relu) -> Dense(u, relu) ->
// Dense(3, softmax) for u = 10, 20, ..., 100, trained as the sheet's Keras code
// trains it (raw features, 120/30 split, Adam, batch 32, 10 epochs), repeated
// with fresh weights; prints per u the mean and standard deviation of the test
// accuracy, which the sheet's code meant to report.
#include <ctnn/cli.hpp>
#include <ctnn/data/csv.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "iris_protocol.hpp"

using namespace iris;

namespace {


void write_plot(const std::string& png, const std::vector<count_t>& units, const std::vector<MeanStd>& test,
                const std::vector<MeanStd>& train) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
    std::cerr << "iris_sweep: gnuplot is not installed (Debian: apt-get install gnuplot-nox), so " << png
              << " was not drawn; the table above and --csv hold the figures.\n";
    return;
  }
  const auto dat = std::filesystem::temp_directory_path() / "ctnn_iris_sweep.dat";
  {
    std::ofstream d(dat);
    for (std::size_t i = 0; i < units.size(); ++i)
      d << units[i] << ' ' << 100 * test[i].mean << ' ' << 100 * test[i].std << ' ' << 100 * train[i].mean << ' '
        << 100 * train[i].std << '\n';
  }
  const std::string script =
      "set terminal pngcairo size 800,500; set output '" + png +
      "'; set title 'Iris: accuracy against hidden units (mean and std over repeats)'; "
      "set xlabel 'hidden units per layer'; set ylabel 'accuracy (%)'; set yrange [0:105]; set key bottom right; "
      "plot '" + dat.string() + "' using 1:2:3 with yerrorlines title 'test', '' using 1:4:5 with yerrorlines title 'train'";
  FILE* g = popen("gnuplot", "w");
  if (!g || std::fputs(script.c_str(), g) < 0 || pclose(g) != 0)
    std::cerr << "iris_sweep: gnuplot failed to draw " << png << '\n';
  else
    std::cout << "Plot written to " << png << '\n';
  std::filesystem::remove(dat);
}

int sweep(const cli::Parser& args) {
  Protocol p{static_cast<int>(args.integer("epochs", 1, 100000)),
             static_cast<int>(args.integer("repeats", 1, 100000)),
             static_cast<count_t>(args.integer("batch", 1, 4096)),
             args.number("lr"),
             args.number("test-fraction"),
             static_cast<std::uint64_t>(args.integer("seed", 0, std::numeric_limits<long long>::max())),
             args.is_set("standardize"),
             args.is_set("resplit"),
             args.is_set("stratify")};
  const count_t lo = args.integer("units-from", 10, 100), hi = args.integer("units-to", 10, 100),
                step = args.integer("units-step", 10, 90);
  if (lo % 10 || hi % 10 || step % 10 || lo > hi)
    throw cli::usage_error("the networks are compiled for u = 10, 20, ..., 100: --units-from, --units-to and "
                           "--units-step must be multiples of 10 with from <= to");
  std::vector<count_t> units;
  for (count_t u = lo; u <= hi; u += step) units.push_back(u);
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = args.is_set("threads") ? static_cast<unsigned>(args.integer("threads", 1, 1024)) : hw;

  const auto all = data::to_dataset(data::read_csv(args.text("data")));
  std::vector<data::Split> splits;
  for (int r = 0; r < (p.resplit ? p.repeats : 1); ++r) splits.push_back(make_split(all, p, r));

  std::cout << "Iris: " << all.rows << " rows, " << splits[0].train.rows << " train / " << splits[0].test.rows
            << " test" << (p.resplit ? " (a new split per repeat)" : " (one fixed split)")
            << (p.standardize ? ", standardized features" : ", raw features") << "; Adam lr " << p.learning_rate
            << ", batch " << p.batch << ", " << p.epochs << " epochs, " << p.repeats << " repeats per u, "
            << workers << " thread" << (workers == 1 ? "" : "s") << "\n\n";

  const auto start = std::chrono::steady_clock::now();
  const std::vector<Run> runs = run_sweep(units, splits, p, workers);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<MeanStd> test_stats, train_stats;
  std::vector<double> every;
  std::printf("%6s  %22s  %22s\n", "units", "test accuracy (%)", "train accuracy (%)");
  for (std::size_t u = 0; u < units.size(); ++u) {
    std::vector<double> te, tr;
    for (int r = 0; r < p.repeats; ++r) {
      const Run& run = runs[u * static_cast<std::size_t>(p.repeats) + static_cast<std::size_t>(r)];
      te.push_back(run.test.accuracy);
      tr.push_back(run.train.accuracy);
      every.push_back(run.test.accuracy);
    }
    test_stats.push_back(mean_std(te));
    train_stats.push_back(mean_std(tr));
    std::printf("%6lld  %12.2f +- %6.2f  %12.2f +- %6.2f\n", static_cast<long long>(units[u]),
                100 * test_stats.back().mean, 100 * test_stats.back().std, 100 * train_stats.back().mean,
                100 * train_stats.back().std);
  }
  const MeanStd grand = mean_std(every);
  std::printf("\nGrand mean test accuracy: %.2f%% (std %.2f over %zu runs); the sheet's Keras code reported %.2f%%\n",
              100 * grand.mean, 100 * grand.std, every.size(), sheet_grand_mean);
  std::printf("Training time: %.3f s for %zu runs\n", seconds, runs.size());

  if (args.is_set("csv")) {
    std::ofstream csv(args.text("csv"));
    if (!csv) throw std::runtime_error("cannot write " + args.text("csv"));
    csv << "units,repeat,seed,test_accuracy,test_loss,train_accuracy\n";
    for (const Run& r : runs)
      csv << r.units << ',' << r.repeat << ',' << r.seed << ',' << r.test.accuracy << ',' << r.test.loss << ','
          << r.train.accuracy << '\n';
    std::cout << "Runs written to " << args.text("csv") << '\n';
  }
  if (args.is_set("plot")) write_plot(args.text("plot"), units, test_stats, train_stats);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Parser args("iris_sweep",
                   "Sheet problem 4: Iris, Input(4) -> Dense(u, relu) -> Dense(u, relu) -> Dense(3, softmax),\n"
                   "u = 10..100. Defaults follow the sheet's Keras code: raw features, one fixed 80/20 split,\n"
                   "Adam (Keras defaults), batch 32, 10 epochs, 10 repeats with fresh weights per u.");
  args.option("data", "FILE", CTNN_DATA_DIR "/iris.csv", "the Iris CSV (label column: the last)");
  args.option("units-from", "U", "10", "smallest hidden width");
  args.option("units-to", "U", "100", "largest hidden width");
  args.option("units-step", "U", "10", "step between widths");
  args.option("repeats", "N", "10", "runs per width, each with fresh weights");
  args.option("epochs", "N", "10", "epochs per run");
  args.option("batch", "N", "32", "batch size");
  args.option("lr", "RATE", "0.001", "Adam's learning rate");
  args.option("test-fraction", "F", "0.2", "part of the rows held out for testing");
  args.option("seed", "S", "42", "seed of the split, the weights and the batch order");
  args.flag("standardize", "scale features to mean 0, std 1 (fitted on the training part)");
  args.flag("resplit", "a new train/test split for every repeat");
  args.flag("stratify", "keep the class proportions in both parts");
  args.option("threads", "N", "", "threads running independent runs (default: all cores)");
  args.option("csv", "FILE", "", "write one row per run");
  args.option("plot", "FILE.png", "", "draw mean and std of accuracy against units (needs gnuplot)");
  return cli::run(argc, argv, args, sweep);
}
