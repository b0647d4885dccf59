#pragma once
// Dense<Units>: y = W x + b on a flat input (Keras Dense, PyTorch Linear).
// Counts: Units x (inputs + 1) params and as many connections, each output
// unit reading every input plus its bias link; with no_bias, Units x inputs.
#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/gemm.hpp"
#include "../kernels/step.hpp"
#include "../train/initializers.hpp"
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

    // Parameters: W (units x inputs, row-major), then b.
    template <class T>
    static constexpr void initialize(T* params, T*, Rng& rng, Init init) {
      init_weights(params, weights, inputs, Units, init, rng);
      for (count_t j = 0; j < biases; ++j) params[weights + j] = T(0);
    }

    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      const kernels::Strided<T> w{s.params, inputs, 1};
      if constexpr (use_bias)
        for (count_t j = 0; j < Units; ++j)
          for (count_t b = 0; b < s.stride; ++b) y[j * s.stride + b] = s.params[weights + j];
      if (s.plain()) kernels::gemm_ref<Units, inputs>(w, x, y, s.stride, use_bias);
      else kernels::gemm<Units, inputs>(w, x, y, s.stride, use_bias);
    }

    template <class T>
    static constexpr void backward(const Step<T>& s, const T* x, const T*, const T* dy, T* dx) {
      // dW = dy x^T, db = sum over the batch of dy, dx = W^T dy
      const kernels::Strided<T> wt{s.params, 1, inputs};
      if (s.plain()) {
        kernels::gram_ref<Units, inputs>(dy, x, s.stride, s.grads, inputs, 1, false);
        if constexpr (use_bias) kernels::row_sums_ref<Units>(dy, s.stride, s.grads + weights);
        if (dx) kernels::gemm_ref<inputs, Units>(wt, dy, dx, s.stride, false);
      } else {
        kernels::gram<Units, inputs>(dy, x, s.stride, s.grads, inputs, 1, false);
        if constexpr (use_bias) kernels::row_sums<Units>(dy, s.stride, s.grads + weights);
        if (dx) kernels::gemm<inputs, Units>(wt, dy, dx, s.stride, false);
      }
    }
  };
};

}  // namespace ctnn
