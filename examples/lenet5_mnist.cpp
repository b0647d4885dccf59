// Sheet problem 5: the Keras LeNet-5 on the real MNIST, 54,000 / 6,000
// train/validation split, Adam, batch 32, 20 epochs, 10 trials each from fresh
// weights with its own seed; or, with --model lenet1998, the original LeNet-5
// (32x32 input, C3 connection table, trainable subsampling, scaled tanh).
#include <ctnn/cli.hpp>
#include <ctnn/ctnn.hpp>
#include <ctnn/data/idx.hpp>
#include <ctnn/models/lenet5.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <unistd.h>

using namespace ctnn;

namespace {

struct Options {
  int epochs, trials;
  count_t batch;
  double learning_rate;
  std::uint64_t seed;
  std::size_t limit, validation;
  unsigned threads;
  std::string save, csv;
};

struct Trial {
  int index = 0;
  std::uint64_t seed = 0;
  Evaluation test;
  std::vector<EpochLog> history;
  double seconds = 0;
  std::vector<float> params, state;  // the trained weights, for --save
};

struct Data {
  data::Mnist mnist;
  std::vector<std::size_t> train_rows, val_rows;
};

// 10% of the training images, chosen by a seeded shuffle, are held out for validation.
Data load(const std::string& dir, const Options& o) {
  Data d{data::load_mnist(dir), {}, {}};
  Rng rng(o.seed);
  auto split = data::split_indices(d.mnist.train_images.count, o.validation, rng);
  d.train_rows = std::move(split.rest);
  d.val_rows = std::move(split.held_out);
  if (o.limit > 0 && o.limit < d.train_rows.size()) d.train_rows.resize(o.limit);
  return d;
}

template <class Net>
Trial run_trial(const Data& d, const Options& o, int index, count_t pad, bool show_progress, std::mutex& print) {
  Trial t{index, Rng(o.seed + 1000003ULL * static_cast<std::uint64_t>(index + 1))(), {}, {}, 0, {}, {}};
  auto model = std::make_unique<Model<Net>>(o.batch, t.seed);
  Adam adam(o.learning_rate);
  const data::ImageSource train{&d.mnist.train_images, &d.mnist.train_labels, d.train_rows, pad};
  const data::ImageSource val{&d.mnist.train_images, &d.mnist.train_labels, d.val_rows, pad};
  const data::ImageSource test{&d.mnist.test_images, &d.mnist.test_labels, {}, pad};
  const auto start = std::chrono::steady_clock::now();
  FitOptions fo{.epochs = o.epochs, .batch_size = o.batch, .seed = t.seed, .verbose = show_progress,
                .progress = show_progress};
  if (!show_progress)
    fo.on_epoch = [&](const EpochLog& log) {
      std::lock_guard lock(print);
      std::printf("trial %d epoch %d/%d - %.1fs - loss: %.4f - accuracy: %.4f", index + 1, log.epoch, o.epochs,
                  log.seconds, log.loss, log.accuracy);
      if (log.validation)
        std::printf(" - val_loss: %.4f - val_accuracy: %.4f", log.validation->loss, log.validation->accuracy);
      std::printf("\n");
      std::fflush(stdout);
    };
  t.history = fit(*model, train, adam, fo, d.val_rows.empty() ? nullptr : &val);
  t.test = evaluate(*model, test);
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  t.params.assign(model->params().begin(), model->params().end());
  t.state.assign(model->state().begin(), model->state().end());
  return t;
}

template <class Net>
int train_all(const Options& o, const std::string& dir, count_t pad, const char* description) {
  const Data d = load(dir, o);
  std::printf("%s\nMNIST: %zu train / %zu validation / %zu test images; Adam lr %g, batch %lld, %d epochs, %d trial%s, "
              "%u thread%s\n",
              description, d.train_rows.size(), d.val_rows.size(), d.mnist.test_images.count, o.learning_rate,
              static_cast<long long>(o.batch), o.epochs, o.trials, o.trials == 1 ? "" : "s", o.threads,
              o.threads == 1 ? "" : "s");
  std::fflush(stdout);
  const bool progress = o.threads == 1 && isatty(STDOUT_FILENO);
  std::vector<Trial> trials(static_cast<std::size_t>(o.trials));
  std::mutex print;
  const auto start = std::chrono::steady_clock::now();
  parallel_for(trials.size(), o.threads, [&](std::size_t i) {
    if (o.threads == 1) std::printf("Trial %zu/%d\n", i + 1, o.trials);
    Trial& t = trials[i] = run_trial<Net>(d, o, static_cast<int>(i), pad, progress, print);
    std::lock_guard lock(print);
    std::printf("trial %zu: test accuracy %.2f%% (error %.2f%%), test loss %.4f, %.1f s (%.0f train samples/s)\n",
                i + 1, 100 * t.test.accuracy, 100 * (1 - t.test.accuracy), t.test.loss, t.seconds,
                static_cast<double>(d.train_rows.size()) * o.epochs / t.seconds);
    std::fflush(stdout);
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<double> accuracies;
  for (const Trial& t : trials) accuracies.push_back(t.test.accuracy);
  const MeanStd acc = mean_std(accuracies);
  std::printf("\nTest accuracy over %d trial%s: mean %.2f%%, std %.2f%% (error %.2f%%); wall time %.1f s\n", o.trials,
              o.trials == 1 ? "" : "s", 100 * acc.mean, 100 * acc.std, 100 * (1 - acc.mean), wall);

  if (!o.csv.empty()) {
    std::ofstream csv(o.csv);
    if (!csv) throw std::runtime_error("cannot write " + o.csv);
    csv << "trial,seed,epoch,loss,accuracy,val_loss,val_accuracy,seconds\n";
    for (const Trial& t : trials)
      for (const EpochLog& e : t.history)
        csv << t.index + 1 << ',' << t.seed << ',' << e.epoch << ',' << e.loss << ',' << e.accuracy << ','
            << (e.validation ? e.validation->loss : NAN) << ',' << (e.validation ? e.validation->accuracy : NAN)
            << ',' << e.seconds << '\n';
    std::printf("Per-epoch figures written to %s\n", o.csv.c_str());
  }
  if (!o.save.empty()) {
    const auto best = std::max_element(trials.begin(), trials.end(),
                                       [](const Trial& a, const Trial& b) { return a.test.accuracy < b.test.accuracy; });
    Model<Net> model(1);
    std::copy(best->params.begin(), best->params.end(), model.params().begin());
    std::copy(best->state.begin(), best->state.end(), model.state().begin());
    save_weights(model, o.save);
    std::printf("Weights of trial %d (test accuracy %.2f%%) saved to %s\n", best->index + 1, 100 * best->test.accuracy,
                o.save.c_str());
  }
  return 0;
}

int main_body(const cli::Parser& args) {
  Options o{static_cast<int>(args.integer("epochs", 1, 10000)),
            static_cast<int>(args.integer("trials", 1, 1000)),
            static_cast<count_t>(args.integer("batch", 1, 4096)),
            args.number("lr"),
            static_cast<std::uint64_t>(args.integer("seed", 0, std::numeric_limits<long long>::max())),
            static_cast<std::size_t>(args.integer("limit", 0, 60000)),
            static_cast<std::size_t>(args.integer("validation", 0, 59000)),
            static_cast<unsigned>(args.integer("threads", 1, 64)),
            args.text("save"),
            args.text("csv")};
  const std::string model = args.text("model");
  if (model == "keras")
    return train_all<models::LeNet5_Keras>(o, args.text("data"), 0,
                                           "Keras LeNet-5 of sheet problem 5 (61,706 params), 28x28 input");
  if (model == "lenet1998")
    return train_all<models::LeNet5_1998_Softmax>(
        o, args.text("data"), 2,
        "LeNet-5 (1998): 32x32 input (MNIST padded by 2), C3 by the connection table, trainable subsampling, "
        "scaled tanh, F6 of 84; output: Dense(10) + softmax with cross-entropy, not the paper's RBF");
  throw cli::usage_error("--model takes keras or lenet1998, not '" + model + "'");
}

}  // namespace

int main(int argc, char** argv) {
  cli::Parser args("lenet5_mnist",
                   "Sheet problem 5: LeNet-5 on the real MNIST (fetch it with scripts/fetch_mnist.sh).\n"
                   "Defaults: the Keras model, 54,000 / 6,000 train/validation, Adam (Keras defaults), batch 32,\n"
                   "20 epochs, 10 trials, each a fresh model with its own seed; prints per trial test accuracy\n"
                   "and the mean and standard deviation over trials.");
  args.option("data", "DIR", CTNN_DATA_DIR "/mnist", "folder with the four MNIST IDX files (raw or .gz)");
  args.option("model", "NAME", "keras", "keras (sheet problem 5) or lenet1998 (the original network)");
  args.option("epochs", "N", "20", "epochs per trial");
  args.option("trials", "N", "10", "trials, each from fresh weights");
  args.option("batch", "N", "32", "batch size");
  args.option("lr", "RATE", "0.001", "Adam's learning rate");
  args.option("seed", "S", "42", "seed of the validation split and of every trial");
  args.option("validation", "N", "6000", "training images held out for validation");
  args.option("limit", "N", "0", "use only N training images (0: all), for a quick look");
  args.option("threads", "N", "1", "trials trained at the same time");
  args.option("save", "FILE", "", "save the weights of the best trial");
  args.option("csv", "FILE", "", "write one row per trial and epoch");
  return cli::run(argc, argv, args, main_body);
}
