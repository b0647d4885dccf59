#pragma once
// Flatten: any shape to a flat vector of its size. No parameters, no connections.
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {

struct Flatten {
  static constexpr std::string_view name = "Flatten";
  template <Shape In>
  struct on {
    static constexpr needs check = needs::nothing;
    static constexpr Shape output_shape = Shape{In.size()};
    static constexpr Counts counts{};
  };
};

}  // namespace ctnn
