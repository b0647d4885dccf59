#pragma once
// Weight initializers with Keras's formulas. Biases start at zero.
#include <cmath>

#include "../random.hpp"
#include "../shape.hpp"

namespace ctnn {

enum class Init {
  glorot_uniform,  // Keras's default for Dense and Conv2D: U(+-sqrt(6 / (fan_in + fan_out)))
  glorot_normal,
  he_uniform,      // U(+-sqrt(6 / fan_in))
  he_normal,
  lecun_uniform,   // U(+-sqrt(3 / fan_in))
  lecun_normal,
};

namespace detail {
// Keras's *_normal initializers draw from a normal truncated at 2 standard
// deviations, scaled so that the truncated draw has the intended variance.
inline double truncated_normal(Rng& rng) {
  for (;;) {
    const double z = rng.normal();
    if (z > -2.0 && z < 2.0) return z / 0.87962566103423978;
  }
}
}  // namespace detail

template <class T>
constexpr void init_weights(T* w, count_t count, count_t fan_in, count_t fan_out, Init init, Rng& rng) {
  const double in = static_cast<double>(fan_in), out = static_cast<double>(fan_out);
  double scale = 0;  // variance of the distribution
  switch (init) {
    case Init::glorot_uniform:
    case Init::glorot_normal: scale = 2.0 / (in + out); break;
    case Init::he_uniform:
    case Init::he_normal: scale = 2.0 / in; break;
    case Init::lecun_uniform:
    case Init::lecun_normal: scale = 1.0 / in; break;
  }
  const bool uniform = init == Init::glorot_uniform || init == Init::he_uniform || init == Init::lecun_uniform;
  const double limit = std::sqrt(3.0 * scale), stddev = std::sqrt(scale);
  for (count_t i = 0; i < count; ++i)
    w[i] = static_cast<T>(uniform ? rng.uniform(-limit, limit) : stddev * detail::truncated_normal(rng));
}

}  // namespace ctnn
