#pragma once
// Conv2D<Filters, Kernel, options...> on (height, width, channels) and
// Conv1D<Filters, Kernel, options...> on (steps, channels), as in Keras.
// Options: same / valid padding, stride<S>, no_bias, connection_table<T>.
// Counts: each output unit reads Kernel x Kernel inputs of every input map it
// is wired to (all maps, or the table's), plus one bias link. Padded positions
// count as links, the convention of the sheet (6 x 25 x 28 x 28 = 117,600 for
// a 'same' C1 without bias).
#include "../counts.hpp"
#include "../errors.hpp"
#include "connection_table.hpp"
#include "conv_geometry.hpp"
#include "options.hpp"

namespace ctnn {
namespace detail {

template <class... Options>
struct table_option {
  static constexpr bool present = false;
};
template <const auto& T, class... Rest>
struct table_option<connection_table<T>, Rest...> {
  static constexpr bool present = true;
  static constexpr const auto& table = T;
};
template <class First, class... Rest>
struct table_option<First, Rest...> : table_option<Rest...> {};

template <class O>
inline constexpr bool is_conv_option = std::is_same_v<O, same> || std::is_same_v<O, valid> ||
                                       std::is_same_v<O, no_bias> || is_stride<O>::value ||
                                       table_option<O>::present;

// The convolution shared by Conv2D and Conv1D, on an image In (a sequence
// is an image of height 1).
template <Shape In, count_t Filters, count_t KH, count_t KW, class... Options>
struct ConvCore {
  static constexpr bool use_bias = !has_option<no_bias, Options...>;
  static constexpr bool padded = has_option<same, Options...>;
  static constexpr count_t stride = stride_option<1, Options...>;
  using table_t = table_option<Options...>;
  static constexpr bool has_table = table_t::present;

  static constexpr count_t in_h = In.dims[0], in_w = In.dims[1], in_c = In.dims[2];
  static constexpr count_t filters = Filters, kernel_h = KH, kernel_w = KW;
  static constexpr Window rows = window(in_h, KH, KH == 1 ? 1 : stride, padded);
  static constexpr Window cols = window(in_w, KW, stride, padded);
  static constexpr count_t out_h = rows.out, out_w = cols.out;

  // Does output map f read input map c?
  static constexpr bool reads(count_t c, count_t f) {
    if constexpr (has_table) return table_t::table(c, f);
    else return true;
  }
  static constexpr count_t table_links() {
    if constexpr (has_table) return table_t::table.links();
    else return in_c * Filters;
  }

  static constexpr needs check_table() {
    if constexpr (has_table) {
      if (table_t::table.inputs != in_c) return needs::table_rows_equal_to_input_channels;
      if (table_t::table.outputs != Filters) return needs::table_columns_equal_to_filters;
      for (count_t f = 0; f < Filters; ++f)
        if (table_t::table.fan_in(f) == 0) return needs::every_table_column_reads_a_map;
    }
    return needs::nothing;
  }
  static constexpr needs check_core() {
    if (Filters <= 0 || KH <= 0 || KW <= 0 || stride <= 0) return needs::positive_sizes;
    if (!(is_conv_option<Options> && ...)) return needs::only_options_this_layer_knows;
    if (!rows.fits || !cols.fits) return needs::kernel_no_larger_than_padded_input;
    return check_table();
  }

  static constexpr count_t weights = table_links() * KH * KW;
  static constexpr count_t biases = use_bias ? Filters : 0;
  static constexpr count_t outputs = out_h * out_w * Filters;
  static constexpr Counts counts{weights + biases, 0, biases,
                                 out_h * out_w * (weights + biases), outputs * (use_bias ? 1 : 0)};
};

}  // namespace detail

template <count_t Filters, count_t Kernel, class... Options>
struct Conv2D {
  static constexpr std::string_view name = "Conv2D";

  template <Shape In>
  struct on : detail::ConvCore<In, Filters, Kernel, Kernel, Options...> {
    using core = detail::ConvCore<In, Filters, Kernel, Kernel, Options...>;
    static constexpr needs check = In.image() ? core::check_core() : needs::image_input__height_width_channels;
    static constexpr Shape output_shape = Shape{core::out_h, core::out_w, Filters};
  };
};

template <count_t Filters, count_t Kernel, class... Options>
struct Conv1D {
  static constexpr std::string_view name = "Conv1D";

  template <Shape In>
  struct on : detail::ConvCore<Shape{1, In.dims[0], In.dims[1]}, Filters, 1, Kernel, Options...> {
    using core = detail::ConvCore<Shape{1, In.dims[0], In.dims[1]}, Filters, 1, Kernel, Options...>;
    static constexpr needs check = In.sequence() ? core::check_core() : needs::sequence_input__steps_channels;
    static constexpr Shape output_shape = Shape{core::out_w, Filters};
  };
};

}  // namespace ctnn
