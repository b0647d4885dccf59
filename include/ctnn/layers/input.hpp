#pragma once
// Input<N> for flat samples, Input<Steps, Channels> for sequences,
// Input<H, W, C> for images; always the first entry of a Network.
#include "../counts.hpp"
#include "../errors.hpp"

namespace ctnn {

template <count_t... Dims>
  requires(sizeof...(Dims) >= 1 && sizeof...(Dims) <= 3)
struct Input {
  static constexpr std::string_view name = "Input";
  static constexpr Shape shape = Shape{Dims...};

  // Only reached when Input appears after the first position.
  template <Shape In>
  struct on {
    static constexpr needs check = needs::Input_only_as_first_layer;
    static constexpr Shape output_shape = shape;
    static constexpr Counts counts{};
  };
};

template <class T>
inline constexpr bool is_input = false;
template <count_t... Dims>
inline constexpr bool is_input<Input<Dims...>> = true;

}  // namespace ctnn
