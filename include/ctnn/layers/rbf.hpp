#pragma once
// RBF<Units>: LeNet-5's Euclidean radial-basis output (LeCun et al. 1998, eq. 7):
// y_i = sum_j (x_j - w_ij)^2, a distance to a fixed centre per class. The
// centres are set once and not trained, so they count as non-trainable
// params. Connections: each output reads every input; there is no bias.
#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/gemm.hpp"
#include "../kernels/step.hpp"
#include "../random.hpp"
#include "../train/initializers.hpp"

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

    // The centres w (units x inputs, row-major) in the state buffer, random
    // +-1 codes: the paper's alternative to its hand-drawn 7 x 12 bitmaps.
    template <class T>
    static constexpr void initialize(T*, T* state, Rng& rng, Init) {
      for (count_t i = 0; i < Units * inputs; ++i) state[i] = rng.uniform() < 0.5 ? T(-1) : T(1);
    }

    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      if (!s.plain()) return forward_fast(s, x, y);
      for (count_t i = 0; i < Units; ++i)
        for (count_t b = 0; b < s.stride; ++b) {
          T sum = 0;
          for (count_t j = 0; j < inputs; ++j) {
            const T d = x[j * s.stride + b] - s.state[i * inputs + j];
            sum += d * d;
          }
          y[i * s.stride + b] = sum;
        }
    }

    // dx_j = 2 sum_i (x_j - w_ij) dy_i; the centres are fixed, so no parameter gradients.
    template <class T>
    static constexpr void backward(const Step<T>& s, const T* x, const T*, const T* dy, T* dx) {
      if (!dx) return;
      if (!s.plain()) return backward_fast(s, x, dy, dx);
      for (count_t j = 0; j < inputs; ++j)
        for (count_t b = 0; b < s.stride; ++b) {
          T sum = 0;
          for (count_t i = 0; i < Units; ++i)
            sum += (x[j * s.stride + b] - s.state[i * inputs + j]) * dy[i * s.stride + b];
          dx[j * s.stride + b] = T(2) * sum;
        }
    }

  private:
    // R units at a time over one vector of samples: x is loaded once per R distances.
    template <count_t R, class T>
    static void distances(const Step<T>& s, const T* x, T* y, count_t i0, count_t col) {
      using V = simd<T>;
      V acc[R];
      for (auto& a : acc) a = V(T(0));
      for (count_t j = 0; j < inputs; ++j) {
        const V xv = V::load_aligned(x + j * s.stride + col);
        for (count_t r = 0; r < R; ++r) {
          const V d = xv - V(s.state[(i0 + r) * inputs + j]);
          acc[r] = xsimd::fma(d, d, acc[r]);
        }
      }
      for (count_t r = 0; r < R; ++r) acc[r].store_aligned(y + (i0 + r) * s.stride + col);
    }

    template <class T>
    static void forward_fast(const Step<T>& s, const T* x, T* y) {
      for (count_t col = 0; col < s.stride; col += simd_width<T>) {
        count_t i = 0;
        for (; i + 4 <= Units; i += 4) distances<4>(s, x, y, i, col);
        for (; i < Units; ++i) distances<1>(s, x, y, i, col);
      }
    }

    // dx = 2 (x sum_i dy_i - W^T dy), the product by the tested gemm.
    template <class T>
    static void backward_fast(const Step<T>& s, const T* x, const T* dy, T* dx) {
      using V = simd<T>;
      kernels::gemm<inputs, Units>(kernels::Strided<T>{s.state, 1, inputs}, dy, dx, s.stride, false);
      for (count_t col = 0; col < s.stride; col += simd_width<T>) {
        V total(T(0));
        for (count_t i = 0; i < Units; ++i) total += V::load_aligned(dy + i * s.stride + col);
        for (count_t j = 0; j < inputs; ++j) {
          T* at = dx + j * s.stride + col;
          (V(T(2)) * xsimd::fms(V::load_aligned(x + j * s.stride + col), total, V::load_aligned(at))).store_aligned(at);
        }
      }
    }
  };
};

}  // namespace ctnn
