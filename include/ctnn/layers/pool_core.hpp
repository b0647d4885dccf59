#pragma once
// The window geometry shared by MaxPool, AvgPool and Subsample: a Pool x Pool
// window moved by a stride (the pool size unless stride<S> is given), no padding.
#include "../errors.hpp"
#include "conv_geometry.hpp"
#include "options.hpp"

namespace ctnn::detail {

template <class O, class... Known>
inline constexpr bool is_pool_option = is_stride<O>::value || (std::is_same_v<O, Known> || ...);

template <Shape In, count_t Pool, class... Options>
struct PoolCore {
  static constexpr count_t pool = Pool;
  static constexpr count_t stride = stride_option<Pool, Options...>;
  static constexpr count_t in_h = In.dims[0], in_w = In.dims[1], channels = In.dims[2];
  static constexpr Window rows = window(in_h, Pool, stride, false);
  static constexpr Window cols = window(in_w, Pool, stride, false);
  static constexpr count_t out_h = rows.out, out_w = cols.out;
  static constexpr Shape output_shape = Shape{out_h, out_w, channels};
  // One link per input of each output unit: the window.
  static constexpr count_t window_links = out_h * out_w * channels * Pool * Pool;

  template <class... Known>
  static constexpr needs check_pool() {
    if (!In.image()) return needs::image_input__height_width_channels;
    if (Pool <= 0 || stride <= 0) return needs::positive_sizes;
    if (!(is_pool_option<Options, Known...> && ...))
      return needs::only_options_this_layer_knows;
    if (!rows.fits || !cols.fits) return needs::pool_no_larger_than_input;
    return needs::nothing;
  }
};

}  // namespace ctnn::detail
