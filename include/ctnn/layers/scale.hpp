#pragma once
// Scale: y = v x with one trainable factor v per channel (the last axis), as
// Caffe's Scale layer without bias. Sheet problem 3's outputs y_j = v_j h_j.
// Counts: one param per channel; each output reads its one input.
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {

struct Scale {
  static constexpr std::string_view name = "Scale";
  template <Shape In>
  struct on {
    static constexpr count_t channels = In.channels();
    static constexpr needs check = In.size() > 0 ? needs::nothing : needs::positive_sizes;
    static constexpr Shape output_shape = In;
    static constexpr Counts counts{channels, 0, 0, In.size(), 0};
  };
};

}  // namespace ctnn
