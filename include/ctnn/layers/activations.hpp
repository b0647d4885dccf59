#pragma once
// Element-wise activations: no parameters and, by LeCun's convention, no
// connections (an activation is part of its unit, not a link).
#include <cmath>

#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/elementwise.hpp"
#include "../kernels/step.hpp"

namespace ctnn {
namespace detail {

// An activation f with its derivative written from x and y = f(x): each F has
// value(x) and derivative(x, y), callable on scalars and on SIMD batches.
template <Shape In, class F>
struct Elementwise {
  static constexpr needs check = needs::nothing;
  static constexpr Shape output_shape = In;
  static constexpr Counts counts{};

  template <class T>
  static constexpr void forward(const Step<T>& s, const T* x, T* y) {
    kernels::map(s.plain(), In.size() * s.stride, [](auto v) { return F::value(v); }, y, x);
  }
  template <class T>
  static constexpr void backward(const Step<T>& s, const T* x, const T* y, const T* dy, T* dx) {
    kernels::map(s.plain(), In.size() * s.stride, [](auto v, auto w, auto g) { return g * F::derivative(v, w); },
                 dx, x, y, dy);
  }
};

template <class V>
constexpr V exp_of(V x) {
  if constexpr (std::is_arithmetic_v<V>) return std::exp(x);
  else return xsimd::exp(x);
}
template <class V>
constexpr V tanh_of(V x) {
  if constexpr (std::is_arithmetic_v<V>) return std::tanh(x);
  else return xsimd::tanh(x);
}

struct relu_fn {
  template <class V>
  static constexpr V value(V x) { return kernels::select_positive(x, x); }
  template <class V>
  static constexpr V derivative(V x, V) { return kernels::select_positive(x, V(1)); }
};
struct sigmoid_fn {
  template <class V>
  static constexpr V value(V x) { return V(1) / (V(1) + exp_of(-x)); }
  template <class V>
  static constexpr V derivative(V, V y) { return y * (V(1) - y); }
};
struct tanh_fn {
  template <class V>
  static constexpr V value(V x) { return tanh_of(x); }
  template <class V>
  static constexpr V derivative(V, V y) { return V(1) - y * y; }
};
struct scaled_tanh_fn {
  static constexpr double a = 1.7159, s = 2.0 / 3.0;
  template <class V>
  static constexpr V value(V x) { return V(a) * tanh_of(V(s) * x); }
  // d/dx a tanh(s x) = a s (1 - tanh^2) = s (a - y^2 / a)
  template <class V>
  static constexpr V derivative(V, V y) { return V(s) * (V(a) - y * y * V(1 / a)); }
};

}  // namespace detail

struct ReLU {
  static constexpr std::string_view name = "ReLU";
  template <Shape In>
  struct on : detail::Elementwise<In, detail::relu_fn> {};
};

struct Sigmoid {
  static constexpr std::string_view name = "Sigmoid";
  template <Shape In>
  struct on : detail::Elementwise<In, detail::sigmoid_fn> {};
};

struct Tanh {
  static constexpr std::string_view name = "Tanh";
  template <Shape In>
  struct on : detail::Elementwise<In, detail::tanh_fn> {};
};

// LeCun's squashing function f(a) = 1.7159 tanh(2a/3) (1998, appendix A):
// f(1) = 1 and f(-1) = -1, with the largest second derivative at +-1.
struct ScaledTanh {
  static constexpr std::string_view name = "ScaledTanh";
  static constexpr double amplitude = detail::scaled_tanh_fn::a;
  static constexpr double slope = detail::scaled_tanh_fn::s;
  template <Shape In>
  struct on : detail::Elementwise<In, detail::scaled_tanh_fn> {};
};

}  // namespace ctnn
