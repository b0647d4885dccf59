#pragma once
// Compile errors that name the layer. GCC 12 cannot format a static_assert
// message, but it prints the full name of an incomplete type it is asked to
// use. So a failed check names layer_error<layer_index<7>, Dense<120>,
// got<5, 5, 16>, needs::flat_input__add_Flatten>, and that is the first
// error line the user reads.
#include <type_traits>

#include "shape.hpp"

namespace ctnn {

// What a layer needs of its input or its own arguments; each name is the message.
enum class needs {
  nothing,
  flat_input__add_Flatten,
  image_input__height_width_channels,
  sequence_input__steps_channels,
  positive_sizes,
  kernel_no_larger_than_padded_input,
  pool_no_larger_than_input,
  table_rows_equal_to_input_channels,
  table_columns_equal_to_filters,
  every_table_column_reads_a_map,
  only_options_this_layer_knows,
  Input_only_as_first_layer,
};

// What a network needs as a whole.
enum class network_needs {
  nothing,
  Input_as_first_layer,
  a_layer_after_Input,
};

template <std::size_t I>
struct layer_index {};

template <count_t... Dims>
struct got {};

struct empty_network {};

template <class Index, class Layer, class Got, needs Need>
struct layer_error;  // left incomplete on purpose: see above

template <class Index, class Layer, class Got>
struct layer_error<Index, Layer, Got, needs::nothing> {
  static constexpr bool ok = true;
};

// Got is the first entry of the network (empty_network when there is none).
template <network_needs Need, class Got>
struct network_error;

template <class Got>
struct network_error<network_needs::nothing, Got> {
  static constexpr bool ok = true;
};

// got<28, 28, 6> for Shape{28, 28, 6}: the shape as the compiler prints it.
template <Shape S>
using got_t = std::conditional_t<
    S.rank == 1, got<S.dims[0]>,
    std::conditional_t<S.rank == 2, got<S.dims[0], S.dims[1]>,
                       std::conditional_t<S.rank == 3, got<S.dims[0], S.dims[1], S.dims[2]>, got<>>>>;

}  // namespace ctnn
