#pragma once
// Softmax over a flat input. No parameters, no connections. Followed by a
// cross-entropy loss, the model fuses the two (gradient y - t).
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {

struct Softmax {
  static constexpr std::string_view name = "Softmax";
  template <Shape In>
  struct on {
    static constexpr needs check = In.flat() ? needs::nothing : needs::flat_input__add_Flatten;
    static constexpr Shape output_shape = In;
    static constexpr Counts counts{};
  };
};

}  // namespace ctnn
