#pragma once
// MaxPool<Pool> and AvgPool<Pool> (Keras MaxPooling2D, AveragePooling2D):
// no parameters; connections are the window links, Pool x Pool per output
// unit (the sheet counts 6 x 4 x 14 x 14 = 4,704 for S2 with max pooling).
#include "../counts.hpp"
#include "pool_core.hpp"

namespace ctnn {

template <count_t Pool, class... Options>
struct MaxPool {
  static constexpr std::string_view name = "MaxPool";

  template <Shape In>
  struct on : detail::PoolCore<In, Pool, Options...> {
    using core = detail::PoolCore<In, Pool, Options...>;
    static constexpr needs check = core::template check_pool<>();
    static constexpr Counts counts{0, 0, 0, core::window_links, 0};

    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      if (!s.plain()) return forward_fast(s, x, y);
      for (count_t o = 0; o < core::out_size; ++o)
        for (count_t b = 0; b < s.stride; ++b) {
          const T* w = x + core::window_start(o) * s.stride + b;
          T top = w[0];
          for (count_t k = 1; k < core::window_size; ++k) {
            const T v = w[core::tap(k) * s.stride];
            top = v > top ? v : top;
          }
          y[o * s.stride + b] = top;
        }
    }

    // The gradient goes to the first input (row-major) equal to the window's
    // maximum, found again from x and y rather than stored; overlapping
    // windows (stride < Pool) add up.
    template <class T>
    static constexpr void backward(const Step<T>& s, const T* x, const T* y, const T* dy, T* dx) {
      if (!dx) return;
      if (!s.plain()) return backward_fast(s, x, y, dy, dx);
      for (count_t i = 0; i < core::in_size * s.stride; ++i) dx[i] = T(0);
      for (count_t o = 0; o < core::out_size; ++o) {
        const count_t start = core::window_start(o) * s.stride;
        for (count_t b = 0; b < s.stride; ++b)
          for (count_t k = 0; k < core::window_size; ++k) {
            const count_t at = start + core::tap(k) * s.stride + b;
            if (x[at] == y[o * s.stride + b]) {
              dx[at] += dy[o * s.stride + b];
              break;
            }
          }
      }
    }

  private:
    template <class T>
    static void forward_fast(const Step<T>& s, const T* x, T* y) {
      using V = simd<T>;
      for (count_t o = 0; o < core::out_size; ++o) {
        const T* w = x + core::window_start(o) * s.stride;
        for (count_t col = 0; col < s.stride; col += simd_width<T>) {
          V top = V::load_aligned(w + col);
          for (count_t k = 1; k < core::window_size; ++k)
            top = xsimd::max(top, V::load_aligned(w + core::tap(k) * s.stride + col));
          top.store_aligned(y + o * s.stride + col);
        }
      }
    }

    template <class T>
    static void backward_fast(const Step<T>& s, const T* x, const T* y, const T* dy, T* dx) {
      using V = simd<T>;
      using B = xsimd::batch_bool<T>;
      for (count_t i = 0; i < core::in_size * s.stride; i += simd_width<T>) V(T(0)).store_aligned(dx + i);
      for (count_t o = 0; o < core::out_size; ++o) {
        const count_t start = core::window_start(o) * s.stride;
        for (count_t col = 0; col < s.stride; col += simd_width<T>) {
          const V g = V::load_aligned(dy + o * s.stride + col), top = V::load_aligned(y + o * s.stride + col);
          B taken(false);  // lanes whose maximum is already found
          for (count_t k = 0; k < core::window_size; ++k) {
            const count_t at = start + core::tap(k) * s.stride + col;
            const B first = (V::load_aligned(x + at) == top) & ~taken;
            (V::load_aligned(dx + at) + xsimd::select(first, g, V(T(0)))).store_aligned(dx + at);
            taken = taken | first;
          }
        }
      }
    }
  };
};

template <count_t Pool, class... Options>
struct AvgPool {
  static constexpr std::string_view name = "AvgPool";

  template <Shape In>
  struct on : detail::PoolCore<In, Pool, Options...> {
    using core = detail::PoolCore<In, Pool, Options...>;
    static constexpr needs check = core::template check_pool<>();
    static constexpr Counts counts{0, 0, 0, core::window_links, 0};

    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      core::window_sums(s, x, y, [](count_t) { return T(1) / T(core::window_size); }, [](count_t) { return T(0); });
    }
    template <class T>
    static constexpr void backward(const Step<T>& s, const T*, const T*, const T* dy, T* dx) {
      if (dx) core::window_sums_backward(s, dy, dx, [](count_t) { return T(1) / T(core::window_size); });
    }
  };
};

}  // namespace ctnn
