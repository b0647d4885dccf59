#pragma once
// BatchNorm: per channel (the last axis, as Keras's axis=-1), y = gamma xhat + beta
// with xhat = (x - mean) / sqrt(var + epsilon); batch statistics (biased variance)
// in training, moving statistics in inference (Keras: momentum 0.99, epsilon 1e-3).
// Counts as Keras: gamma and beta trainable (beta is the bias), moving mean and
// variance non-trainable. Connections: each output reads its one input, plus
// beta's bias link.
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {

struct BatchNorm {
  static constexpr std::string_view name = "BatchNorm";
  static constexpr double momentum = 0.99;
  static constexpr double epsilon = 1e-3;

  template <Shape In>
  struct on {
    static constexpr count_t channels = In.channels();
    static constexpr needs check = In.size() > 0 ? needs::nothing : needs::positive_sizes;
    static constexpr Shape output_shape = In;
    static constexpr Counts counts{2 * channels, 2 * channels, channels, 2 * In.size(), In.size()};
  };
};

}  // namespace ctnn
