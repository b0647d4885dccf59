#pragma once
// Losses: each returns the batch's mean loss and writes dL/d(output) into the
// model's output gradient (zero in the padding columns). Targets come as
// labels (class indices) or as a dense targets buffer laid out like the
// output (feature f of sample b at f * stride + b).
//
// A cross-entropy after a Softmax layer is fused: the loss is computed from
// the logits as logsumexp(z) - z_target and the gradient with respect to the
// logits is (y - t) / n, which never divides by a probability.
#include <cmath>
#include <cstdint>
#include <span>

#include "../layers/softmax.hpp"
#include "model.hpp"

namespace ctnn {

template <class T>
struct Targets {
  std::span<const std::int32_t> labels;  // per sample, for the cross-entropies
  const T* dense = nullptr;              // features x stride, for MSE or soft targets
  constexpr T operator()(count_t f, count_t b, count_t stride) const {
    return dense ? dense[f * stride + b] : T(labels[static_cast<std::size_t>(b)] == f ? 1 : 0);
  }
};

namespace detail {
template <class Net>
inline constexpr bool ends_in_softmax =
    std::is_same_v<typename Net::template layer<Net::size - 1>::kind, Softmax>;
}  // namespace detail

// Keras's categorical_crossentropy (one-hot or soft targets) and
// sparse_categorical_crossentropy (labels): the same loss, -sum t log y.
// Without a final Softmax the outputs are taken as probabilities, clipped to
// [1e-7, 1 - 1e-7] as Keras clips them.
struct CrossEntropy {
  template <class Net, class T>
  constexpr T operator()(Model<Net, T>& m, count_t n, const Targets<T>& t) const {
    constexpr count_t F = Net::output_shape.size();
    const count_t stride = m.stride();
    T* g = m.output_gradient();
    T total = 0;
    if constexpr (detail::ends_in_softmax<Net>) {
      const T* z = m.template activation<Net::size - 2>();  // logits
      const T* y = m.output();
      for (count_t b = 0; b < n; ++b) {
        T top = z[b];
        for (count_t f = 1; f < F; ++f) top = z[f * stride + b] > top ? z[f * stride + b] : top;
        T sum = 0, dot = 0, mass = 0;
        for (count_t f = 0; f < F; ++f) {
          sum += std::exp(z[f * stride + b] - top);
          dot += t(f, b, stride) * z[f * stride + b];
          mass += t(f, b, stride);
        }
        total += mass * (top + std::log(sum)) - dot;
        for (count_t f = 0; f < F; ++f) g[f * stride + b] = (mass * y[f * stride + b] - t(f, b, stride)) / T(n);
      }
    } else {
      const T* y = m.output();
      const T lo = T(1e-7), hi = T(1) - T(1e-7);
      for (count_t b = 0; b < n; ++b)
        for (count_t f = 0; f < F; ++f) {
          const T p = y[f * stride + b], tf = t(f, b, stride);
          const T clipped = p < lo ? lo : (p > hi ? hi : p);
          total -= tf * std::log(clipped);
          g[f * stride + b] = (p == clipped) ? -tf / (clipped * T(n)) : T(0);
        }
    }
    zero_padding<F>(g, n, stride);
    return total / T(n);
  }

  // Whether the model's backward starts below the Softmax (fused gradient).
  template <class Net>
  static constexpr bool fused = detail::ends_in_softmax<Net>;

  template <count_t F, class T>
  static constexpr void zero_padding(T* g, count_t n, count_t stride) {
    for (count_t f = 0; f < F; ++f)
      for (count_t b = n; b < stride; ++b) g[f * stride + b] = T(0);
  }
};

using CategoricalCrossentropy = CrossEntropy;
using SparseCategoricalCrossentropy = CrossEntropy;

// Keras's mean_squared_error: mean over outputs and samples of (y - t)^2.
// With half_sum, the sheet's L = 1/(2N) sum over samples and outputs of (y - t)^2.
struct MeanSquaredError {
  bool half_sum = false;

  template <class Net, class T>
  constexpr T operator()(Model<Net, T>& m, count_t n, const Targets<T>& t) const {
    constexpr count_t F = Net::output_shape.size();
    const count_t stride = m.stride();
    const T* y = m.output();
    T* g = m.output_gradient();
    const T scale = half_sum ? T(1) / T(n) : T(2) / T(n * F);
    T total = 0;
    for (count_t b = 0; b < n; ++b)
      for (count_t f = 0; f < F; ++f) {
        const T e = y[f * stride + b] - t(f, b, stride);
        total += e * e;
        g[f * stride + b] = scale * e;
      }
    CrossEntropy::zero_padding<F>(g, n, stride);
    return half_sum ? total / T(2 * n) : total / T(n * F);
  }

  template <class Net>
  static constexpr bool fused = false;
};

}  // namespace ctnn
