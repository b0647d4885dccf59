#pragma once
// BatchNorm: per channel (the last axis, as Keras's axis=-1), y = gamma xhat + beta
// with xhat = (x - mean) / sqrt(var + epsilon); batch statistics (biased variance)
// in training, moving statistics in inference (Keras: momentum 0.99, epsilon 1e-3).
// Counts as Keras: gamma and beta trainable (beta is the bias), moving mean and
// variance non-trainable. Connections: each output reads its one input, plus
// beta's bias link.
//
// Statistics run over the batch and every position (Keras's statistics for an
// image), and only over the n valid samples: the padding columns of the input
// need not be zero (a Dense before writes its bias there), so they are skipped,
// and the padding columns of y and dx are written as zero.
#include <cmath>

#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/simd.hpp"
#include "../kernels/step.hpp"
#include "../random.hpp"
#include "../train/initializers.hpp"

namespace ctnn {

struct BatchNorm {
  static constexpr std::string_view name = "BatchNorm";
  static constexpr double momentum = 0.99;
  static constexpr double epsilon = 1e-3;

  template <Shape In>
  struct on {
    static constexpr count_t channels = In.channels();
    static constexpr needs check = In.size() > 0 ? needs::nothing : needs::positive_sizes;
    static constexpr Shape output_shape = In;
    static constexpr Counts counts{2 * channels, 2 * channels, channels, 2 * In.size(), In.size()};
    static constexpr count_t features = In.size();  // feature f is in channel f % channels

    // Params: gamma[C], beta[C]. State: moving_mean[C], moving_variance[C].
    template <class T>
    static constexpr void initialize(T* params, T* state, Rng&, Init) {
      for (count_t c = 0; c < channels; ++c) {
        params[c] = T(1);
        params[channels + c] = T(0);
        state[c] = T(0);
        state[channels + c] = T(1);
      }
    }

    // Training also moves the moving statistics towards the batch's:
    // moving = momentum moving + (1 - momentum) batch. Keras updates the
    // moving variance with the biased batch variance, the one it normalizes
    // with (it removes the Bessel correction fused_batch_norm applies), so
    // both use it here (PyTorch's running_var takes the unbiased one). The
    // output depends on the batch statistics only, never on the update.
    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      for (count_t c = 0; c < channels; ++c) {
        T mean = s.state[c], var = s.state[channels + c];
        if (s.training) {
          batch_moments(s, x, c, mean, var);
          s.state[c] = T(momentum) * s.state[c] + T(1 - momentum) * mean;
          s.state[channels + c] = T(momentum) * s.state[channels + c] + T(1 - momentum) * var;
        }
        const T gain = s.params[c] / std::sqrt(var + T(epsilon));
        if (s.plain()) normalize_ref(s, x, y, c, mean, gain, s.params[channels + c]);
        else normalize_fast(s, x, y, c, mean, gain, s.params[channels + c]);
      }
    }

    // dgamma = sum dy xhat, dbeta = sum dy over the valid samples and positions.
    // Training: the full pass through the batch mean and variance,
    //   dx = gamma / sqrt(var + eps) / N (N dy - sum dy - xhat sum dy xhat);
    // inference: the statistics are constants, dx = gamma / sqrt(var + eps) dy.
    template <class T>
    static constexpr void backward(const Step<T>& s, const T* x, const T*, const T* dy, T* dx) {
      const T count = T(s.n * (features / channels));
      for (count_t c = 0; c < channels; ++c) {
        T mean = s.state[c], var = s.state[channels + c];
        if (s.training) batch_moments(s, x, c, mean, var);
        const T inv_std = T(1) / std::sqrt(var + T(epsilon));
        const T sum_dy = valid_sum(s, c, [&](count_t at, auto load) { return load(dy + at); });
        const T sum_dy_xhat = inv_std * valid_sum(s, c, [&, mean](count_t at, auto load) {
                                return load(dy + at) * (load(x + at) - mean);
                              });
        s.grads[c] = sum_dy_xhat;
        s.grads[channels + c] = sum_dy;
        if (!dx) continue;
        // dx = gain dy + slope (x - mean) + shift
        const T gain = s.params[c] * inv_std;
        const T slope = s.training ? -gain * sum_dy_xhat * inv_std / count : T(0);
        const T shift = s.training ? -gain * sum_dy / count : T(0);
        if (s.plain()) input_gradient_ref(s, x, dy, dx, c, mean, gain, slope, shift);
        else input_gradient_fast(s, x, dy, dx, c, mean, gain, slope, shift);
      }
    }

  private:
    // Mean and biased variance of channel c, in two passes for accuracy.
    template <class T>
    static constexpr void batch_moments(const Step<T>& s, const T* x, count_t c, T& mean, T& var) {
      const T count = T(s.n * (features / channels));
      const T m = valid_sum(s, c, [&](count_t at, auto load) { return load(x + at); }) / count;
      var = valid_sum(s, c, [&, m](count_t at, auto load) {
              const auto d = load(x + at) - m;
              return d * d;
            }) / count;
      mean = m;
    }

    // The sum of term over channel c's features and the valid samples; term
    // gets an element's offset and a load, for scalars or for vectors.
    template <class T, class Term>
    static constexpr T valid_sum(const Step<T>& s, count_t c, Term term) {
      if (!s.plain()) return valid_sum_fast(s, c, term);
      T sum = 0;
      for (count_t f = c; f < features; f += channels)
        for (count_t b = 0; b < s.n; ++b) sum += term(f * s.stride + b, [](const T* p) { return *p; });
      return sum;
    }

    template <class T>
    static constexpr void normalize_ref(const Step<T>& s, const T* x, T* y, count_t c, T mean, T gain, T beta) {
      for (count_t f = c; f < features; f += channels)
        for (count_t b = 0; b < s.stride; ++b)
          y[f * s.stride + b] = b < s.n ? gain * (x[f * s.stride + b] - mean) + beta : T(0);
    }

    template <class T>
    static constexpr void input_gradient_ref(const Step<T>& s, const T* x, const T* dy, T* dx, count_t c, T mean,
                                             T gain, T slope, T shift) {
      for (count_t f = c; f < features; f += channels)
        for (count_t b = 0; b < s.stride; ++b) {
          const count_t at = f * s.stride + b;
          dx[at] = b < s.n ? gain * dy[at] + slope * (x[at] - mean) + shift : T(0);
        }
    }

    // Whole vectors up to the last full one, then the valid columns of the
    // vector that holds padding one by one.
    template <class T, class Term>
    static T valid_sum_fast(const Step<T>& s, count_t c, Term term) {
      using V = simd<T>;
      const count_t full = s.n / simd_width<T> * simd_width<T>;
      V sum(T(0));
      T tail = 0;
      for (count_t f = c; f < features; f += channels) {
        for (count_t b = 0; b < full; b += simd_width<T>)
          sum += term(f * s.stride + b, [](const T* p) { return V::load_aligned(p); });
        for (count_t b = full; b < s.n; ++b) tail += term(f * s.stride + b, [](const T* p) { return *p; });
      }
      return lane_sum(sum) + tail;
    }

    template <class T>
    static void zero_padding(const Step<T>& s, T* row) {
      for (count_t b = s.n; b < s.stride; ++b) row[b] = T(0);
    }

    template <class T>
    static void normalize_fast(const Step<T>& s, const T* x, T* y, count_t c, T mean, T gain, T beta) {
      using V = simd<T>;
      const V m(mean), g(gain), b0(beta);
      for (count_t f = c; f < features; f += channels) {
        for (count_t col = 0; col < s.stride; col += simd_width<T>)
          xsimd::fma(g, V::load_aligned(x + f * s.stride + col) - m, b0).store_aligned(y + f * s.stride + col);
        zero_padding(s, y + f * s.stride);
      }
    }

    template <class T>
    static void input_gradient_fast(const Step<T>& s, const T* x, const T* dy, T* dx, count_t c, T mean, T gain,
                                    T slope, T shift) {
      using V = simd<T>;
      const V m(mean), g(gain), k(slope), h(shift);
      for (count_t f = c; f < features; f += channels) {
        for (count_t col = 0; col < s.stride; col += simd_width<T>) {
          const count_t at = f * s.stride + col;
          const V centred = V::load_aligned(x + at) - m;
          xsimd::fma(g, V::load_aligned(dy + at), xsimd::fma(k, centred, h)).store_aligned(dx + at);
        }
        zero_padding(s, dx + f * s.stride);
      }
    }
  };
};

}  // namespace ctnn
