#pragma once
// Dense<Units>: y = W x + b on a flat input (Keras Dense, PyTorch Linear).
// Counts: Units x (inputs + 1) params and as many connections, each output
// unit reading every input plus its bias link; with no_bias, Units x inputs.
#include "../counts.hpp"
#include "../errors.hpp"
#include "options.hpp"

namespace ctnn {

template <count_t Units, class... Options>
struct Dense {
  static constexpr std::string_view name = "Dense";
  static constexpr bool use_bias = !detail::has_option<no_bias, Options...>;

  template <Shape In>
  struct on {
    static constexpr count_t inputs = In.size();
    static constexpr count_t units = Units;
    static constexpr needs check = Units <= 0                                       ? needs::positive_sizes
                                   : !((std::is_same_v<Options, no_bias>) && ...)   ? needs::only_options_this_layer_knows
                                   : !In.flat()                                     ? needs::flat_input__add_Flatten
                                                                                    : needs::nothing;
    static constexpr Shape output_shape = Shape{Units};
    static constexpr count_t weights = Units * inputs;
    static constexpr count_t biases = use_bias ? Units : 0;
    static constexpr Counts counts{weights + biases, 0, biases, weights + biases, biases};
  };
};

}  // namespace ctnn
