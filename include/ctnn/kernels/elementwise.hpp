#pragma once
// Element-wise maps over whole activation buffers. F is called on scalars in
// the plain loop and on SIMD batches in the fast one, so one definition of a
// function serves both paths. Sizes are multiples of the SIMD width.
#include <type_traits>

#include "simd.hpp"

namespace ctnn::kernels {

template <class T, class F, class... In>
void map_fast(count_t size, F f, T* out, const In*... in) {
  using V = simd<T>;
  for (count_t i = 0; i < size; i += simd_width<T>) f(V::load_aligned(in + i)...).store_aligned(out + i);
}

// out[i] = f(in[i]...)
template <class T, class F, class... In>
constexpr void map(bool plain, count_t size, F f, T* out, const In*... in) {
  if (!plain) return map_fast(size, f, out, in...);
  for (count_t i = 0; i < size; ++i) out[i] = f(in[i]...);
}

// value where x > 0, else 0.
template <class V>
constexpr V select_positive(V x, V value) {
  if constexpr (std::is_arithmetic_v<V>) return x > V(0) ? value : V(0);
  else return xsimd::select(x > V(0), value, V(0));
}

}  // namespace ctnn::kernels
