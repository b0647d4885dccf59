#pragma once
// Conv2D<Filters, Kernel, options...> on (height, width, channels) and
// Conv1D<Filters, Kernel, options...> on (steps, channels), as in Keras.
// Options: same / valid padding, stride<S>, no_bias, connection_table<T>.
// Counts: each output unit reads Kernel x Kernel inputs of every input map it
// is wired to (all maps, or the table's), plus one bias link. Padded positions
// count as links, the convention of the sheet (6 x 25 x 28 x 28 = 117,600 for
// a 'same' C1 without bias).
//
// Parameters: the weights, filter after filter, each filter's as
// [ky][kx][m] where m runs over the input maps the filter reads in order (all
// of them without a table: [filter][ky][kx][channel], Keras's kernel with the
// filter axis moved first); then the biases.
#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/conv.hpp"
#include "../kernels/step.hpp"
#include "../train/initializers.hpp"
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

  static constexpr count_t kernel_area = KH * KW;  // weights per filter and input map
  static constexpr kernels::ConvShape geometry{in_h, in_w, in_c, Filters, KH, KW,
                                               stride, rows.pad_before, cols.pad_before, out_h, out_w};

  // Where filter f's weights start, how many maps it reads, and map c's
  // position among them (-1: not read).
  struct Links {
    count_t start[Filters]{}, fan_in[Filters]{}, map[in_c][Filters]{};
  };
  static constexpr Links links() {
    Links l{};
    count_t at = 0;
    for (count_t f = 0; f < Filters; ++f) {
      l.start[f] = at;
      for (count_t c = 0; c < in_c; ++c) l.map[c][f] = reads(c, f) ? l.fan_in[f]++ : -1;
      at += l.fan_in[f] * kernel_area;
    }
    return l;
  }

  template <class T>
  static constexpr void initialize(T* params, T*, Rng& rng, Init init) {
    // Keras's conv fans; with a table each filter's fan-in counts the maps it reads.
    if constexpr (has_table) {
      constexpr Links l = links();
      for (count_t f = 0; f < Filters; ++f)
        init_weights(params + l.start[f], l.fan_in[f] * kernel_area, l.fan_in[f] * kernel_area,
                     Filters * kernel_area, init, rng);
    } else {
      init_weights(params, weights, in_c * kernel_area, Filters * kernel_area, init, rng);
    }
    for (count_t j = 0; j < biases; ++j) params[weights + j] = T(0);
  }

  template <class T>
  static constexpr void forward(const Step<T>& s, const T* x, T* y) {
    if (s.plain()) forward_reference(s, x, y);
    else forward_fast(s, x, y);
  }

  template <class T>
  static constexpr void backward(const Step<T>& s, const T* x, const T*, const T* dy, T* dx) {
    if (s.plain()) backward_reference(s, x, dy, dx);
    else backward_fast(s, x, dy, dx);
  }

  // The plain loops, straight from the definition; sample columns innermost.
  template <class T>
  static constexpr void forward_reference(const Step<T>& s, const T* x, T* y) {
    constexpr Links l = links();
    const T* w = s.params;
    for (count_t oy = 0; oy < out_h; ++oy)
      for (count_t ox = 0; ox < out_w; ++ox)
        for (count_t f = 0; f < Filters; ++f) {
          T* out = y + ((oy * out_w + ox) * Filters + f) * s.stride;
          for (count_t b = 0; b < s.stride; ++b) out[b] = use_bias ? w[weights + f] : T(0);
          for (count_t ky = 0; ky < KH; ++ky) {
            const count_t iy = oy * stride - rows.pad_before + ky;
            if (iy < 0 || iy >= in_h) continue;  // zero padding
            for (count_t kx = 0; kx < KW; ++kx) {
              const count_t ix = ox * stride - cols.pad_before + kx;
              if (ix < 0 || ix >= in_w) continue;
              for (count_t c = 0; c < in_c; ++c) {
                if (l.map[c][f] < 0) continue;
                const T wt = w[l.start[f] + (ky * KW + kx) * l.fan_in[f] + l.map[c][f]];
                const T* in = x + ((iy * in_w + ix) * in_c + c) * s.stride;
                for (count_t b = 0; b < s.stride; ++b) out[b] += wt * in[b];
              }
            }
          }
        }
  }

  template <class T>
  static constexpr void backward_reference(const Step<T>& s, const T* x, const T* dy, T* dx) {
    constexpr Links l = links();
    const T* w = s.params;
    T* g = s.grads;
    for (count_t i = 0; i < weights + biases; ++i) g[i] = T(0);
    if (dx)
      for (count_t i = 0; i < in_h * in_w * in_c * s.stride; ++i) dx[i] = T(0);
    for (count_t oy = 0; oy < out_h; ++oy)
      for (count_t ox = 0; ox < out_w; ++ox)
        for (count_t f = 0; f < Filters; ++f) {
          const T* d = dy + ((oy * out_w + ox) * Filters + f) * s.stride;
          if constexpr (use_bias)
            for (count_t b = 0; b < s.stride; ++b) g[weights + f] += d[b];
          for (count_t ky = 0; ky < KH; ++ky) {
            const count_t iy = oy * stride - rows.pad_before + ky;
            if (iy < 0 || iy >= in_h) continue;
            for (count_t kx = 0; kx < KW; ++kx) {
              const count_t ix = ox * stride - cols.pad_before + kx;
              if (ix < 0 || ix >= in_w) continue;
              for (count_t c = 0; c < in_c; ++c) {
                if (l.map[c][f] < 0) continue;
                const count_t wi = l.start[f] + (ky * KW + kx) * l.fan_in[f] + l.map[c][f];
                const count_t at = ((iy * in_w + ix) * in_c + c) * s.stride;
                T sum = 0;
                for (count_t b = 0; b < s.stride; ++b) sum += d[b] * x[at + b];
                g[wi] += sum;
                if (dx)
                  for (count_t b = 0; b < s.stride; ++b) dx[at + b] += w[wi] * d[b];
              }
            }
          }
        }
  }

  // The SIMD kernels work on dense [filter][ky][kx][channel] weights. A table
  // layer spreads its weights into that layout, zeros for missing links, and
  // gathers the gradients back: for LeNet-5's C3 that is 96 links computed
  // for 60 used, paid for with one set of tuned kernels. The dense copy lives
  // on the stack (9.6 KB of float for C3).
  static constexpr count_t dense_weights = Filters * kernel_area * in_c;

  template <class T>
  static void spread(const T* w, T* dense) {
    constexpr Links l = links();
    for (count_t f = 0; f < Filters; ++f)
      for (count_t k = 0; k < kernel_area; ++k)
        for (count_t c = 0; c < in_c; ++c)
          dense[(f * kernel_area + k) * in_c + c] =
              l.map[c][f] < 0 ? T(0) : w[l.start[f] + k * l.fan_in[f] + l.map[c][f]];
  }
  template <class T>
  static void gather(const T* dense, T* w) {
    constexpr Links l = links();
    for (count_t f = 0; f < Filters; ++f)
      for (count_t k = 0; k < kernel_area; ++k)
        for (count_t c = 0; c < in_c; ++c)
          if (l.map[c][f] >= 0) w[l.start[f] + k * l.fan_in[f] + l.map[c][f]] = dense[(f * kernel_area + k) * in_c + c];
  }

  template <class T>
  static void forward_fast(const Step<T>& s, const T* x, T* y) {
    const T* bias = use_bias ? s.params + weights : nullptr;
    if constexpr (has_table) {
      alignas(buffer_alignment) T dense[dense_weights];
      spread(s.params, dense);
      kernels::conv_forward<geometry>(dense, bias, x, y, s.stride);
    } else {
      kernels::conv_forward<geometry>(s.params, bias, x, y, s.stride);
    }
  }

  template <class T>
  static void backward_fast(const Step<T>& s, const T* x, const T* dy, T* dx) {
    T* db = use_bias ? s.grads + weights : nullptr;
    if constexpr (has_table) {
      alignas(buffer_alignment) T dense[dense_weights];
      kernels::conv_weight_grad<geometry>(x, dy, dense, db, s.stride);
      gather(dense, s.grads);
      if (dx) {
        spread(s.params, dense);
        kernels::conv_input_grad<geometry>(dense, dy, dx, s.stride);
      }
    } else {
      kernels::conv_weight_grad<geometry>(x, dy, s.grads, db, s.stride);
      if (dx) kernels::conv_input_grad<geometry>(s.params, dy, dx, s.stride);
    }
  }
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
