#pragma once
// The window geometry shared by MaxPool, AvgPool and Subsample: a Pool x Pool
// window moved by a stride (the pool size unless stride<S> is given), no
// padding; and the window-sum kernels AvgPool and Subsample share.
#include "../errors.hpp"
#include "../kernels/simd.hpp"
#include "../kernels/step.hpp"
#include "conv_geometry.hpp"
#include "options.hpp"

namespace ctnn::detail {

template <class O, class... Known>
inline constexpr bool is_pool_option = is_stride<O>::value || (std::is_same_v<O, Known> || ...);

template <Shape In, count_t Pool, class... Options>
struct PoolCore {
  static constexpr count_t pool = Pool;
  static constexpr count_t stride = stride_option<Pool, Options...>;
  static constexpr count_t in_h = In.dims[0], in_w = In.dims[1], channels = In.dims[2];
  static constexpr Window rows = window(in_h, Pool, stride, false);
  static constexpr Window cols = window(in_w, Pool, stride, false);
  static constexpr count_t out_h = rows.out, out_w = cols.out;
  static constexpr Shape output_shape = Shape{out_h, out_w, channels};
  // One link per input of each output unit: the window.
  static constexpr count_t window_links = out_h * out_w * channels * Pool * Pool;

  template <class... Known>
  static constexpr needs check_pool() {
    if (!In.image()) return needs::image_input__height_width_channels;
    if (Pool <= 0 || stride <= 0) return needs::positive_sizes;
    if (!(is_pool_option<Options, Known...> && ...))
      return needs::only_options_this_layer_knows;
    if (!rows.fits || !cols.fits) return needs::pool_no_larger_than_input;
    return needs::nothing;
  }

  static constexpr count_t in_size = In.size();
  static constexpr count_t out_size = output_shape.size();
  static constexpr count_t window_size = Pool * Pool;

  // Features are in HWC order, f = (y W + x) C + c: output feature o's window
  // starts at input feature window_start(o), and its element k (row-major)
  // lies tap(k) features further.
  static constexpr count_t window_start(count_t o) {
    const count_t c = o % channels, p = o / channels;
    return ((p / out_w) * stride * in_w + (p % out_w) * stride) * channels + c;
  }
  static constexpr count_t tap(count_t k) { return ((k / Pool) * in_w + k % Pool) * channels; }

  template <class T>
  static constexpr T window_sum_ref(const Step<T>& s, const T* x, count_t o, count_t b) {
    const T* w = x + window_start(o) * s.stride + b;
    T sum = 0;
    for (count_t k = 0; k < window_size; ++k) sum += w[tap(k) * s.stride];
    return sum;
  }
  template <class T>
  static simd<T> window_sum_fast(const Step<T>& s, const T* x, count_t o, count_t col) {
    const T* w = x + window_start(o) * s.stride + col;
    simd<T> sum(T(0));
    for (count_t k = 0; k < window_size; ++k) sum += simd<T>::load_aligned(w + tap(k) * s.stride);
    return sum;
  }

  // y = scale(c) * (sum of the window) + shift(c), scale and shift per channel.
  template <class T, class Scale, class Shift>
  static constexpr void window_sums(const Step<T>& s, const T* x, T* y, Scale scale, Shift shift) {
    if (!s.plain()) return window_sums_fast(s, x, y, scale, shift);
    for (count_t o = 0; o < out_size; ++o)
      for (count_t b = 0; b < s.stride; ++b)
        y[o * s.stride + b] = scale(o % channels) * window_sum_ref(s, x, o, b) + shift(o % channels);
  }

  // dx = the sum over the windows holding each input of scale(c) dy: windows
  // overlap when stride < Pool, and inputs no window reaches get zero.
  template <class T, class Scale>
  static constexpr void window_sums_backward(const Step<T>& s, const T* dy, T* dx, Scale scale) {
    if (!s.plain()) return window_sums_backward_fast(s, dy, dx, scale);
    for (count_t i = 0; i < in_size * s.stride; ++i) dx[i] = T(0);
    for (count_t o = 0; o < out_size; ++o) {
      T* w = dx + window_start(o) * s.stride;
      const T a = scale(o % channels);
      for (count_t k = 0; k < window_size; ++k)
        for (count_t b = 0; b < s.stride; ++b) w[tap(k) * s.stride + b] += a * dy[o * s.stride + b];
    }
  }

private:
  template <class T, class Scale, class Shift>
  static void window_sums_fast(const Step<T>& s, const T* x, T* y, Scale scale, Shift shift) {
    using V = simd<T>;
    for (count_t o = 0; o < out_size; ++o) {
      const V a(scale(o % channels)), c(shift(o % channels));
      for (count_t col = 0; col < s.stride; col += simd_width<T>)
        xsimd::fma(a, window_sum_fast(s, x, o, col), c).store_aligned(y + o * s.stride + col);
    }
  }

  template <class T, class Scale>
  static void window_sums_backward_fast(const Step<T>& s, const T* dy, T* dx, Scale scale) {
    using V = simd<T>;
    for (count_t i = 0; i < in_size * s.stride; i += simd_width<T>) V(T(0)).store_aligned(dx + i);
    for (count_t o = 0; o < out_size; ++o) {
      T* w = dx + window_start(o) * s.stride;
      const V a(scale(o % channels));
      for (count_t col = 0; col < s.stride; col += simd_width<T>) {
        const V g = a * V::load_aligned(dy + o * s.stride + col);
        for (count_t k = 0; k < window_size; ++k) {
          T* at = w + tap(k) * s.stride + col;
          (V::load_aligned(at) + g).store_aligned(at);
        }
      }
    }
  }
};

}  // namespace ctnn::detail
