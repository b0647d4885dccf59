#pragma once
// Element-wise activations: no parameters and, by LeCun's convention, no
// connections (an activation is part of its unit, not a link).
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {
namespace detail {
template <Shape In>
struct Elementwise {
  static constexpr needs check = needs::nothing;
  static constexpr Shape output_shape = In;
  static constexpr Counts counts{};
};
}  // namespace detail

struct ReLU {
  static constexpr std::string_view name = "ReLU";
  template <Shape In>
  struct on : detail::Elementwise<In> {};
};

struct Sigmoid {
  static constexpr std::string_view name = "Sigmoid";
  template <Shape In>
  struct on : detail::Elementwise<In> {};
};

struct Tanh {
  static constexpr std::string_view name = "Tanh";
  template <Shape In>
  struct on : detail::Elementwise<In> {};
};

// LeCun's squashing function f(a) = 1.7159 tanh(2a/3) (1998, appendix A):
// f(1) = 1 and f(-1) = -1, with the largest second derivative at +-1.
struct ScaledTanh {
  static constexpr std::string_view name = "ScaledTanh";
  static constexpr double amplitude = 1.7159;
  static constexpr double slope = 2.0 / 3.0;
  template <Shape In>
  struct on : detail::Elementwise<In> {};
};

}  // namespace ctnn
