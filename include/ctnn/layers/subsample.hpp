#pragma once
// Subsample<Pool>: LeNet-5's trainable subsampling (LeCun et al. 1998, S2 and
// S4): each output is the sum of its Pool x Pool window times one trainable
// coefficient per map, plus one trainable bias per map. Counts: 2 params per
// map (1 with no_bias); Pool x Pool + 1 connections per output unit
// (6 x 14 x 14 x 5 = 5,880 for S2).
#include "../counts.hpp"
#include "../train/initializers.hpp"
#include "pool_core.hpp"

namespace ctnn {

template <count_t Pool, class... Options>
struct Subsample {
  static constexpr std::string_view name = "Subsample";
  static constexpr bool use_bias = !detail::has_option<no_bias, Options...>;

  template <Shape In>
  struct on : detail::PoolCore<In, Pool, Options...> {
    using core = detail::PoolCore<In, Pool, Options...>;
    static constexpr needs check = core::template check_pool<no_bias>();
    static constexpr count_t biases = use_bias ? core::channels : 0;
    static constexpr count_t bias_links = use_bias ? core::output_shape.size() : 0;
    static constexpr Counts counts{core::channels + biases, 0, biases, core::window_links + bias_links, bias_links};

    // Parameters: one coefficient per map, then one bias per map. A unit reads
    // Pool x Pool inputs through its coefficient, which sets the fans.
    template <class T>
    static constexpr void initialize(T* params, T*, Rng& rng, Init init) {
      init_weights(params, core::channels, core::window_size, core::window_size, init, rng);
      for (count_t c = 0; c < biases; ++c) params[core::channels + c] = T(0);
    }

    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      const T* p = s.params;
      core::window_sums(s, x, y, [p](count_t c) { return p[c]; },
                        [p](count_t c) { return use_bias ? p[core::channels + c] : T(0); });
    }

    // dcoef[c] = sum of dy times the window sum, dbias[c] = sum of dy, over the
    // map's outputs and the batch; dx = coef[c] dy over each window.
    template <class T>
    static constexpr void backward(const Step<T>& s, const T* x, const T*, const T* dy, T* dx) {
      if (s.plain()) {
        for (count_t c = 0; c < core::channels; ++c) {
          T dcoef = 0, dbias = 0;
          for (count_t o = c; o < core::out_size; o += core::channels)
            for (count_t b = 0; b < s.stride; ++b) {
              dcoef += dy[o * s.stride + b] * core::window_sum_ref(s, x, o, b);
              dbias += dy[o * s.stride + b];
            }
          s.grads[c] = dcoef;
          if constexpr (use_bias) s.grads[core::channels + c] = dbias;
        }
      } else {
        grads_fast(s, x, dy);
      }
      const T* p = s.params;
      if (dx) core::window_sums_backward(s, dy, dx, [p](count_t c) { return p[c]; });
    }

  private:
    template <class T>
    static void grads_fast(const Step<T>& s, const T* x, const T* dy) {
      using V = simd<T>;
      for (count_t c = 0; c < core::channels; ++c) {
        V dcoef(T(0)), dbias(T(0));
        for (count_t o = c; o < core::out_size; o += core::channels)
          for (count_t col = 0; col < s.stride; col += simd_width<T>) {
            const V g = V::load_aligned(dy + o * s.stride + col);
            dcoef = xsimd::fma(g, core::window_sum_fast(s, x, o, col), dcoef);
            dbias += g;
          }
        s.grads[c] = lane_sum(dcoef);
        if constexpr (use_bias) s.grads[core::channels + c] = lane_sum(dbias);
      }
    }
  };
};

}  // namespace ctnn
