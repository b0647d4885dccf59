#pragma once
// fit() and evaluate(), as Keras's Model.fit and Model.evaluate: mini-batches
// with a partial last batch, a shuffle per epoch from the given seed, and a
// per-epoch line (loss, accuracy, val_loss, val_accuracy, time) when verbose.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <optional>
#include <vector>

#include "../data/dataset.hpp"
#include "../data/source.hpp"
#include "losses.hpp"
#include "model.hpp"
#include "train_step.hpp"

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace ctnn {

// Flushes denormal floats to zero while it lives (this thread only). Late in
// training, gradients and Adam's moments underflow into denormals, which x86
// processes many times slower: seen here as LeNet-5 epochs going from 2 s to 14 s.
class FlushDenormals {
public:
  FlushDenormals() {
#if defined(__SSE__)
    saved_ = _mm_getcsr();
    _mm_setcsr(saved_ | 0x8040);  // FTZ | DAZ
#endif
  }
  ~FlushDenormals() {
#if defined(__SSE__)
    _mm_setcsr(saved_);
#endif
  }
  FlushDenormals(const FlushDenormals&) = delete;
  FlushDenormals& operator=(const FlushDenormals&) = delete;

private:
  unsigned saved_ = 0;
};

struct Evaluation {
  double loss = 0, accuracy = 0;
};

struct EpochLog {
  int epoch = 0;  // 1-based
  double loss = 0, accuracy = 0;
  std::optional<Evaluation> validation;
  double seconds = 0;
};

struct FitOptions {
  int epochs = 1;
  count_t batch_size = 32;  // at most the model's max_batch()
  bool shuffle = true;
  std::uint64_t seed = 0;   // the batch order of every epoch follows from it
  bool verbose = false;     // one line per epoch
  bool progress = false;    // a progress bar within each epoch (on a terminal)
  std::ostream* out = &std::cout;
  std::function<void(const EpochLog&)> on_epoch;  // called after every epoch
};

namespace detail {

template <class Net, class T>
std::int32_t predicted_class(const Model<Net, T>& m, count_t b) {
  std::int32_t best = 0;
  for (count_t f = 1; f < Net::output_shape.size(); ++f)
    if (m.output(b, f) > m.output(b, best)) best = static_cast<std::int32_t>(f);
  return best;
}

// Loads the given rows of the source into the model, column b for rows[b], and
// their labels into labels.
template <class Net, class T, class Source>
void load_batch(Model<Net, T>& m, const Source& source, std::span<const std::size_t> rows,
                std::vector<std::int32_t>& labels) {
  labels.resize(rows.size());
  for (std::size_t b = 0; b < rows.size(); ++b) {
    source.load(m, static_cast<count_t>(b), rows[b]);
    labels[b] = source.label(rows[b]);
  }
  m.clear_padding(static_cast<count_t>(rows.size()));
}

void print_progress(std::ostream& out, std::size_t done, std::size_t total, double seconds, double loss);
void print_epoch(std::ostream& out, const EpochLog& log, int epochs, bool after_progress);

}  // namespace detail

template <class Net, class T, data::SampleSource Source, class Loss = CrossEntropy>
Evaluation evaluate(Model<Net, T>& m, const Source& source, Loss loss = {}) {
  const std::size_t rows = source.size();
  std::vector<std::size_t> order(rows);
  for (std::size_t i = 0; i < rows; ++i) order[i] = i;
  std::vector<std::int32_t> labels;
  double total_loss = 0;
  std::size_t correct = 0;
  const auto batch = static_cast<std::size_t>(m.max_batch());
  for (std::size_t first = 0; first < rows; first += batch) {
    const auto span = std::span<const std::size_t>(order).subspan(first, std::min(batch, rows - first));
    detail::load_batch(m, source, span, labels);
    const auto n = static_cast<count_t>(span.size());
    m.forward(n, false);
    total_loss += static_cast<double>(loss(m, n, Targets<T>{labels})) * static_cast<double>(n);
    for (count_t b = 0; b < n; ++b) correct += detail::predicted_class(m, b) == labels[static_cast<std::size_t>(b)];
  }
  return {total_loss / static_cast<double>(rows), static_cast<double>(correct) / static_cast<double>(rows)};
}

template <class Net, class T, data::SampleSource Source, class Optimizer, class Loss = CrossEntropy,
          class Validation = Source>
std::vector<EpochLog> fit(Model<Net, T>& m, const Source& train, Optimizer& optimizer, const FitOptions& o,
                          const Validation* validation = nullptr, Loss loss = {}) {
  if (o.batch_size < 1 || o.batch_size > m.max_batch())
    throw std::invalid_argument("fit: batch_size must be between 1 and the model's max_batch()");
  using clock = std::chrono::steady_clock;
  const FlushDenormals flush;
  Rng rng(o.seed);
  std::vector<EpochLog> history;
  std::vector<std::int32_t> labels;
  const std::size_t rows = train.size(), batch = static_cast<std::size_t>(o.batch_size);
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto start = clock::now();
    const auto order = data::epoch_order(rows, rng, o.shuffle);
    double total_loss = 0;
    std::size_t correct = 0, done = 0;
    auto last_print = start;
    for (std::size_t i = 0; i < data::batch_count(rows, batch); ++i) {
      const auto span = data::batch_indices(order, i, batch);
      detail::load_batch(m, train, span, labels);
      const auto n = static_cast<count_t>(span.size());
      total_loss += static_cast<double>(train_step(m, n, loss, Targets<T>{labels}, optimizer)) * static_cast<double>(n);
      // Accuracy on the outputs of the training forward pass, as Keras reports it.
      for (count_t b = 0; b < n; ++b) correct += detail::predicted_class(m, b) == labels[static_cast<std::size_t>(b)];
      done += span.size();
      if (o.progress && (clock::now() - last_print > std::chrono::milliseconds(200) || done == rows)) {
        last_print = clock::now();
        detail::print_progress(*o.out, done, rows, std::chrono::duration<double>(last_print - start).count(),
                               total_loss / static_cast<double>(done));
      }
    }
    EpochLog log{epoch, total_loss / static_cast<double>(rows), static_cast<double>(correct) / static_cast<double>(rows),
                 std::nullopt, 0};
    if (validation) log.validation = evaluate(m, *validation, loss);
    log.seconds = std::chrono::duration<double>(clock::now() - start).count();
    if (o.verbose) detail::print_epoch(*o.out, log, o.epochs, o.progress);
    if (o.on_epoch) o.on_epoch(log);
    history.push_back(log);
  }
  return history;
}

}  // namespace ctnn
