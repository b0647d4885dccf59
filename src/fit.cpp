// The text fit() prints: a Keras-like progress bar and epoch line.
#include "ctnn/train/fit.hpp"

#include <cstdio>

namespace ctnn::detail {

void print_progress(std::ostream& out, std::size_t done, std::size_t total, double seconds, double loss) {
  constexpr int width = 30;
  const int filled = static_cast<int>(width * done / (total ? total : 1));
  char line[160];
  std::snprintf(line, sizeof line, "\r%7zu/%zu [%s%s] %6.0f samples/s - loss: %.4f", done, total,
                std::string(static_cast<std::size_t>(filled), '=').c_str(),
                std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
                seconds > 0 ? static_cast<double>(done) / seconds : 0.0, loss);
  out << line << std::flush;
}

void print_epoch(std::ostream& out, const EpochLog& log, int epochs, bool after_progress) {
  char line[200];
  int len = std::snprintf(line, sizeof line, "Epoch %d/%d - %.2fs - loss: %.4f - accuracy: %.4f", log.epoch, epochs,
                          log.seconds, log.loss, log.accuracy);
  if (log.validation && len > 0)
    std::snprintf(line + len, sizeof line - static_cast<std::size_t>(len), " - val_loss: %.4f - val_accuracy: %.4f",
                  log.validation->loss, log.validation->accuracy);
  out << (after_progress ? "\n" : "") << line << '\n' << std::flush;
}

}  // namespace ctnn::detail
