#pragma once
// Softmax over a flat input. No parameters, no connections. Followed by a
// cross-entropy loss, the model fuses the two (gradient y - t).
#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/simd.hpp"
#include "../kernels/step.hpp"
#include "activations.hpp"

namespace ctnn {

struct Softmax {
  static constexpr std::string_view name = "Softmax";
  template <Shape In>
  struct on {
    static constexpr needs check = In.flat() ? needs::nothing : needs::flat_input__add_Flatten;
    static constexpr Shape output_shape = In;
    static constexpr Counts counts{};
    static constexpr count_t features = In.size();

    // Per sample: y = exp(x - max x) / sum exp(x - max x); vectorized across
    // the batch, so the reductions over features are plain vector adds.
    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      if (s.plain()) {
        for (count_t b = 0; b < s.stride; ++b) columns(x + b, y + b, s.stride, T(0));
      } else {
        for (count_t b = 0; b < s.stride; b += simd_width<T>) columns(x + b, y + b, s.stride, simd<T>(T(0)));
      }
    }

    // dx = y * (dy - sum(dy * y)), per sample.
    template <class T>
    static constexpr void backward(const Step<T>& s, const T*, const T* y, const T* dy, T* dx) {
      if (s.plain()) {
        for (count_t b = 0; b < s.stride; ++b) column_grads(y + b, dy + b, dx + b, s.stride, T(0));
      } else {
        for (count_t b = 0; b < s.stride; b += simd_width<T>)
          column_grads(y + b, dy + b, dx + b, s.stride, simd<T>(T(0)));
      }
    }

  private:
    template <class V, class T>
    static constexpr V load(const T* p) {
      if constexpr (std::is_arithmetic_v<V>) return *p;
      else return V::load_aligned(p);
    }
    template <class V, class T>
    static constexpr void store(T* p, V v) {
      if constexpr (std::is_arithmetic_v<V>) *p = v;
      else v.store_aligned(p);
    }
    template <class T, class V>
    static constexpr void columns(const T* x, T* y, count_t stride, V zero) {
      V top = load<V>(x);
      for (count_t f = 1; f < features; ++f) {
        const V v = load<V>(x + f * stride);
        if constexpr (std::is_arithmetic_v<V>) top = v > top ? v : top;
        else top = xsimd::max(top, v);
      }
      V sum = zero;
      for (count_t f = 0; f < features; ++f) {
        const V e = detail::exp_of(load<V>(x + f * stride) - top);
        store(y + f * stride, e);
        sum += e;
      }
      const V inv = V(T(1)) / sum;
      for (count_t f = 0; f < features; ++f) store(y + f * stride, load<V>(y + f * stride) * inv);
    }
    template <class T, class V>
    static constexpr void column_grads(const T* y, const T* dy, T* dx, count_t stride, V zero) {
      V dot = zero;
      for (count_t f = 0; f < features; ++f) dot += load<V>(y + f * stride) * load<V>(dy + f * stride);
      for (count_t f = 0; f < features; ++f)
        store(dx + f * stride, load<V>(y + f * stride) * (load<V>(dy + f * stride) - dot));
    }
  };
};

}  // namespace ctnn
