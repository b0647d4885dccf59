#pragma once
// RBF<Units>: LeNet-5's Euclidean radial-basis output (LeCun et al. 1998, eq. 7):
// y_i = sum_j (x_j - w_ij)^2, a distance to a fixed centre per class. The
// centres are set once and not trained, so they count as non-trainable
// params. Connections: each output reads every input; there is no bias.
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {

template <count_t Units>
struct RBF {
  static constexpr std::string_view name = "RBF";
  template <Shape In>
  struct on {
    static constexpr count_t inputs = In.size();
    static constexpr count_t units = Units;
    static constexpr needs check = Units <= 0 ? needs::positive_sizes
                                   : In.flat() ? needs::nothing
                                               : needs::flat_input__add_Flatten;
    static constexpr Shape output_shape = Shape{Units};
    static constexpr Counts counts{0, Units * inputs, 0, Units * inputs, 0};
  };
};

}  // namespace ctnn
