#pragma once
// Options given to a layer after its sizes, as Keras's keyword arguments:
// Conv2D<6, 5, same>, Conv2D<16, 5, stride<2>, no_bias>,
// Conv2D<16, 5, connection_table<lenet5_c3_table>>.
#include <type_traits>

#include "../shape.hpp"

namespace ctnn {

struct valid {};  // no padding (the default)
struct same {};   // zero padding so that output = ceil(input / stride), as Keras pads
struct no_bias {};
template <count_t S>
struct stride {};
// Which input maps each output map reads: Table(i, j) is true when output map j
// reads input map i (rows are input maps, columns output maps, as in LeCun 1998).
template <const auto& Table>
struct connection_table {};

namespace detail {

template <class T, class... Options>
inline constexpr bool has_option = (std::is_same_v<T, Options> || ...);

template <class T>
struct stride_of {
  static constexpr count_t value = 0;
};
template <count_t S>
struct stride_of<stride<S>> {
  static constexpr count_t value = S;
};

// The stride given among Options, or Default.
template <count_t Default, class... Options>
inline constexpr count_t stride_option = [] {
  count_t s = Default;
  ((stride_of<Options>::value ? (s = stride_of<Options>::value) : 0), ...);
  return s;
}();

template <class T>
struct is_stride : std::false_type {};
template <count_t S>
struct is_stride<stride<S>> : std::true_type {};

}  // namespace detail
}  // namespace ctnn
