#pragma once
// Matrix products over batch-innermost activations, the building blocks of
// Dense and of the convolutions:
//   gemm:  C(m, :) = [C(m, :) +] sum_k A(m, k) B(k, :)   (forward, input gradient)
//   gram:  G(m, k) = [G(m, k) +] sum_b X(m, b) Y(k, b)   (weight gradient)
// A and G are addressed through strides, so a transposed weight matrix costs
// nothing. The fast versions keep a 4 x 2-vector block of C in registers; each
// has a plain-loop twin it is tested against.
#include "simd.hpp"

namespace ctnn::kernels {

// A(m, k) = a[m * am + k * ak]
template <class T>
struct Strided {
  const T* a;
  count_t am, ak;
  constexpr T operator()(count_t m, count_t k) const { return a[m * am + k * ak]; }
};

template <count_t M, count_t K, class T>
constexpr void gemm_ref(Strided<T> a, const T* b, T* c, count_t stride, bool accumulate) {
  for (count_t m = 0; m < M; ++m)
    for (count_t col = 0; col < stride; ++col) {
      T sum = accumulate ? c[m * stride + col] : T(0);
      for (count_t k = 0; k < K; ++k) sum += a(m, k) * b[k * stride + col];
      c[m * stride + col] = sum;
    }
}

template <count_t M, count_t K, class T>
constexpr void gram_ref(const T* x, const T* y, count_t stride, T* g, count_t gm, count_t gk, bool accumulate) {
  for (count_t m = 0; m < M; ++m)
    for (count_t k = 0; k < K; ++k) {
      T sum = accumulate ? g[m * gm + k * gk] : T(0);
      for (count_t col = 0; col < stride; ++col) sum += x[m * stride + col] * y[k * stride + col];
      g[m * gm + k * gk] = sum;
    }
}

namespace detail {

// Rows [m0, m0 + R) of C over columns [col, col + V * width).
template <count_t R, count_t V, count_t K, class T>
inline void gemm_block(Strided<T> a, const T* b, T* c, count_t stride, bool accumulate, count_t m0, count_t col) {
  using V_t = simd<T>;
  constexpr count_t w = simd_width<T>;
  V_t acc[R][V];
  for (count_t r = 0; r < R; ++r)
    for (count_t v = 0; v < V; ++v)
      acc[r][v] = accumulate ? V_t::load_aligned(c + (m0 + r) * stride + col + v * w) : V_t(T(0));
  for (count_t k = 0; k < K; ++k) {
    V_t bv[V];
    for (count_t v = 0; v < V; ++v) bv[v] = V_t::load_aligned(b + k * stride + col + v * w);
    for (count_t r = 0; r < R; ++r) {
      const V_t av(a(m0 + r, k));
      for (count_t v = 0; v < V; ++v) acc[r][v] = xsimd::fma(av, bv[v], acc[r][v]);
    }
  }
  for (count_t r = 0; r < R; ++r)
    for (count_t v = 0; v < V; ++v) acc[r][v].store_aligned(c + (m0 + r) * stride + col + v * w);
}

template <count_t R, count_t M, count_t K, class T>
inline void gemm_rows(Strided<T> a, const T* b, T* c, count_t stride, bool accumulate, count_t m0) {
  constexpr count_t w = simd_width<T>;
  count_t col = 0;
  for (; col + 2 * w <= stride; col += 2 * w) gemm_block<R, 2, K>(a, b, c, stride, accumulate, m0, col);
  for (; col < stride; col += w) gemm_block<R, 1, K>(a, b, c, stride, accumulate, m0, col);
}

}  // namespace detail

template <count_t M, count_t K, class T>
void gemm(Strided<T> a, const T* b, T* c, count_t stride, bool accumulate) {
  count_t m = 0;
  for (; m + 4 <= M; m += 4) detail::gemm_rows<4, M, K>(a, b, c, stride, accumulate, m);
  for (; m < M; ++m) detail::gemm_rows<1, M, K>(a, b, c, stride, accumulate, m);
}

template <count_t M, count_t K, class T>
void gram(const T* x, const T* y, count_t stride, T* g, count_t gm, count_t gk, bool accumulate) {
  using V_t = simd<T>;
  constexpr count_t w = simd_width<T>;
  // 2 x 4 dot products at a time: 8 accumulators, 6 loads per 8 FMAs.
  auto block = [&]<count_t RM, count_t RK>(count_t m0, count_t k0) {
    V_t acc[RM][RK];
    for (auto& row : acc)
      for (auto& v : row) v = V_t(T(0));
    for (count_t col = 0; col < stride; col += w) {
      V_t xv[RM], yv[RK];
      for (count_t i = 0; i < RM; ++i) xv[i] = V_t::load_aligned(x + (m0 + i) * stride + col);
      for (count_t j = 0; j < RK; ++j) yv[j] = V_t::load_aligned(y + (k0 + j) * stride + col);
      for (count_t i = 0; i < RM; ++i)
        for (count_t j = 0; j < RK; ++j) acc[i][j] = xsimd::fma(xv[i], yv[j], acc[i][j]);
    }
    for (count_t i = 0; i < RM; ++i)
      for (count_t j = 0; j < RK; ++j) {
        T& out = g[(m0 + i) * gm + (k0 + j) * gk];
        out = (accumulate ? out : T(0)) + lane_sum(acc[i][j]);
      }
  };
  count_t m = 0;
  for (; m + 2 <= M; m += 2) {
    count_t k = 0;
    for (; k + 4 <= K; k += 4) block.template operator()<2, 4>(m, k);
    for (; k < K; ++k) block.template operator()<2, 1>(m, k);
  }
  for (; m < M; ++m) {
    count_t k = 0;
    for (; k + 4 <= K; k += 4) block.template operator()<1, 4>(m, k);
    for (; k < K; ++k) block.template operator()<1, 1>(m, k);
  }
}

// r(m) = sum_b X(m, b): bias gradients.
template <count_t M, class T>
constexpr void row_sums_ref(const T* x, count_t stride, T* r) {
  for (count_t m = 0; m < M; ++m) {
    T sum = 0;
    for (count_t col = 0; col < stride; ++col) sum += x[m * stride + col];
    r[m] = sum;
  }
}

template <count_t M, class T>
void row_sums(const T* x, count_t stride, T* r) {
  for (count_t m = 0; m < M; ++m) {
    simd<T> acc(T(0));
    for (count_t col = 0; col < stride; col += simd_width<T>) acc += simd<T>::load_aligned(x + m * stride + col);
    r[m] = lane_sum(acc);
  }
}

}  // namespace ctnn::kernels
