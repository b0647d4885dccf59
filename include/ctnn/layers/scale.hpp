#pragma once
// Scale: y = v x with one trainable factor v per channel (the last axis), as
// Caffe's Scale layer without bias. Sheet problem 3's outputs y_j = v_j h_j.
// Counts: one param per channel; each output reads its one input.
#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/simd.hpp"
#include "../kernels/step.hpp"
#include "../random.hpp"
#include "../train/initializers.hpp"

namespace ctnn {

struct Scale {
  static constexpr std::string_view name = "Scale";
  template <Shape In>
  struct on {
    static constexpr count_t channels = In.channels();
    static constexpr needs check = In.size() > 0 ? needs::nothing : needs::positive_sizes;
    static constexpr Shape output_shape = In;
    static constexpr Counts counts{channels, 0, 0, In.size(), 0};
    static constexpr count_t features = In.size();

    // Starts as the identity.
    template <class T>
    static constexpr void initialize(T* params, T*, Rng&, Init) {
      for (count_t c = 0; c < channels; ++c) params[c] = T(1);
    }

    // Feature f belongs to channel f % channels (channels last).
    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      if (!s.plain()) return forward_fast(s, x, y);
      for (count_t f = 0; f < features; ++f)
        for (count_t b = 0; b < s.stride; ++b) y[f * s.stride + b] = s.params[f % channels] * x[f * s.stride + b];
    }

    // dv[c] = sum of dy x over the channel's features and the batch; dx = v dy.
    template <class T>
    static constexpr void backward(const Step<T>& s, const T* x, const T*, const T* dy, T* dx) {
      if (!s.plain()) return backward_fast(s, x, dy, dx);
      for (count_t c = 0; c < channels; ++c) s.grads[c] = T(0);
      for (count_t f = 0; f < features; ++f)
        for (count_t b = 0; b < s.stride; ++b) {
          s.grads[f % channels] += dy[f * s.stride + b] * x[f * s.stride + b];
          if (dx) dx[f * s.stride + b] = s.params[f % channels] * dy[f * s.stride + b];
        }
    }

  private:
    template <class T>
    static void forward_fast(const Step<T>& s, const T* x, T* y) {
      using V = simd<T>;
      for (count_t f = 0; f < features; ++f) {
        const V v(s.params[f % channels]);
        for (count_t col = 0; col < s.stride; col += simd_width<T>)
          (v * V::load_aligned(x + f * s.stride + col)).store_aligned(y + f * s.stride + col);
      }
    }

    template <class T>
    static void backward_fast(const Step<T>& s, const T* x, const T* dy, T* dx) {
      using V = simd<T>;
      for (count_t c = 0; c < channels; ++c) {
        const V v(s.params[c]);
        V dv(T(0));
        for (count_t f = c; f < features; f += channels)
          for (count_t col = 0; col < s.stride; col += simd_width<T>) {
            const V g = V::load_aligned(dy + f * s.stride + col);
            dv = xsimd::fma(g, V::load_aligned(x + f * s.stride + col), dv);
            if (dx) (v * g).store_aligned(dx + f * s.stride + col);
          }
        s.grads[c] = lane_sum(dv);
      }
    }
  };
};

}  // namespace ctnn
