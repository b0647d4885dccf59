#pragma once
// Direct 2-D convolution over batch-innermost activations, vectorized over the
// batch: every weight is broadcast and multiplied into whole vectors of
// samples, so no im2col buffer is needed and the kernels run at any image size.
//
// Feature index of an image (H, W, C): (y * W + x) * C + c (Keras's HWC).
// Weights: dense [filter][ky][kx][c], filter f's KH * KW * C weights contiguous;
// biases separate (nullptr for none). Tap t = (ky * KW + kx) * C + c.
//
// Blocking (each kernel keeps a block of accumulators in registers):
//   forward       R filters x V vectors of samples at one output pixel: one
//                 input load feeds R FMAs, one weight broadcast feeds V.
//   input grad    gathered per input pixel, R channels x V vectors, summed
//                 over the taps that reach it, so dx is written once.
//   weight grad   RF filters x RT taps, one vector each, summed over pixels
//                 and samples, then reduced across lanes.
#include <type_traits>

#include "simd.hpp"

namespace ctnn::kernels {

struct ConvShape {
  count_t in_h, in_w, in_c, filters, kernel_h, kernel_w, stride, pad_top, pad_left, out_h, out_w;
  constexpr count_t taps() const { return kernel_h * kernel_w * in_c; }  // weights per filter
};

namespace detail {

// 32 vector registers with AVX-512, 16 below; a quarter stays free for the
// operands of the FMAs.
inline constexpr count_t vector_registers = std::is_base_of_v<xsimd::avx512f, xsimd::default_arch> ? 32 : 16;
inline constexpr count_t accumulators = vector_registers * 3 / 4;

// The largest block size up to most that splits n into equal blocks (16 with
// at most 12 gives 8 + 8, not 12 + 4: same loads, one instantiation fewer).
constexpr count_t balanced_block(count_t n, count_t most) {
  if (most < 1) most = 1;
  const count_t blocks = (n + most - 1) / most;
  return (n + blocks - 1) / blocks;
}

// Weight-gradient block (filters x taps): the one with the fewest vector
// loads per pixel, each filter block reading every tap and vice versa, that
// leaves registers for its rf dy vectors, one input vector and three spares
// (with fewer spares GCC spills the dy vectors).
struct GradBlock {
  count_t filters, taps;
};
constexpr GradBlock weight_grad_block(count_t filters, count_t taps) {
  GradBlock best{1, 1};
  count_t best_loads = -1;
  for (count_t rf = 1; rf <= filters && 2 * rf + 4 <= vector_registers; ++rf) {
    const count_t rt = balanced_block(taps, (vector_registers - rf - 4) / rf);
    const count_t loads = (taps + rt - 1) / rt * filters + (filters + rf - 1) / rf * taps;
    if (best_loads < 0 || loads < best_loads) best = {rf, rt}, best_loads = loads;
  }
  return best;
}

// Pins v to a register. Otherwise GCC folds a load that feeds several FMAs
// into each of them, one load per FMA, and the weight gradient runs about a
// third slower, bound by loads.
template <class V>
inline void in_register([[maybe_unused]] V& v) {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  asm("" : "+v"(v.data));
#endif
}

// f.template operator()<R>(i) over [0, N) in blocks of R, then the remainder.
template <count_t N, count_t R, class F>
inline void for_blocks(F&& f) {
  count_t i = 0;
  for (; i + R <= N; i += R) f.template operator()<R>(i);
  if constexpr (N % R != 0) f.template operator()<N % R>(i);
}

// f.template operator()<V>(col) over the batch columns in blocks of V vectors.
template <class T, class F>
inline void for_columns(count_t stride, F&& f) {
  constexpr count_t w = simd_width<T>;
  count_t col = 0;
  for (; col + 2 * w <= stride; col += 2 * w) f.template operator()<2>(col);
  if (col < stride) f.template operator()<1>(col);
}

// Output rows (or columns) whose window covers input row i: o in [first, last]
// with kernel row k = i + pad - o * stride in [0, kernel).
struct Reach {
  count_t first, last;
};
constexpr Reach reach(count_t i, count_t pad, count_t kernel, count_t stride, count_t out) {
  const count_t a = i + pad;
  const count_t lo = a - kernel + 1 > 0 ? (a - kernel + 1 + stride - 1) / stride : 0;
  const count_t hi = a / stride < out - 1 ? a / stride : out - 1;
  return {lo, hi};
}

// Filters [f0, f0 + R) at one output pixel whose window starts at input
// (iy0, ix0); kernel rows [ky0, ky1) and columns [kx0, kx1) lie inside the image.
template <ConvShape G, count_t R, count_t V, bool Inside, class T>
inline void forward_block(const T* w, const T* bias, const T* x, T* y, count_t stride, count_t col, count_t f0,
                          count_t iy0, count_t ix0, count_t ky0, count_t ky1, count_t kx0, count_t kx1) {
  using V_t = simd<T>;
  constexpr count_t vw = simd_width<T>, C = G.in_c, taps = G.taps();
  if constexpr (Inside) ky0 = 0, ky1 = G.kernel_h, kx0 = 0, kx1 = G.kernel_w;
  V_t acc[R][V];
  for (count_t r = 0; r < R; ++r)
    for (count_t v = 0; v < V; ++v) acc[r][v] = V_t(bias ? bias[f0 + r] : T(0));
  const T* wf = w + f0 * taps;
  for (count_t ky = ky0; ky < ky1; ++ky)
    for (count_t kx = kx0; kx < kx1; ++kx) {
      const T* xp = x + ((iy0 + ky) * G.in_w + ix0 + kx) * C * stride + col;
      const T* wp = wf + (ky * G.kernel_w + kx) * C;
      for (count_t c = 0; c < C; ++c) {
        V_t xv[V];
        for (count_t v = 0; v < V; ++v) xv[v] = V_t::load_aligned(xp + c * stride + v * vw);
        for (count_t r = 0; r < R; ++r) {
          const V_t wr(wp[r * taps + c]);
          for (count_t v = 0; v < V; ++v) acc[r][v] = xsimd::fma(wr, xv[v], acc[r][v]);
        }
      }
    }
  for (count_t r = 0; r < R; ++r)
    for (count_t v = 0; v < V; ++v) acc[r][v].store_aligned(y + (f0 + r) * stride + col + v * vw);
}

// Channels [c0, c0 + R) of input pixel (iy, ix): the sum over the output
// pixels whose windows cover it and over all filters of w * dy.
template <ConvShape G, count_t R, count_t V, class T>
inline void input_grad_block(const T* w, const T* dy, T* dx, count_t stride, count_t col, count_t c0, count_t iy,
                             count_t ix, Reach ys, Reach xs) {
  using V_t = simd<T>;
  constexpr count_t vw = simd_width<T>, F = G.filters, taps = G.taps();
  V_t acc[R][V];
  for (auto& row : acc)
    for (auto& a : row) a = V_t(T(0));
  for (count_t oy = ys.first; oy <= ys.last; ++oy) {
    const count_t ky = iy + G.pad_top - oy * G.stride;
    for (count_t ox = xs.first; ox <= xs.last; ++ox) {
      const count_t kx = ix + G.pad_left - ox * G.stride;
      const T* dyp = dy + (oy * G.out_w + ox) * F * stride + col;
      const T* wp = w + (ky * G.kernel_w + kx) * G.in_c + c0;
      for (count_t f = 0; f < F; ++f) {
        V_t g[V];
        for (count_t v = 0; v < V; ++v) g[v] = V_t::load_aligned(dyp + f * stride + v * vw);
        for (count_t r = 0; r < R; ++r) {
          const V_t wr(wp[f * taps + r]);
          for (count_t v = 0; v < V; ++v) acc[r][v] = xsimd::fma(wr, g[v], acc[r][v]);
        }
      }
    }
  }
  T* out = dx + ((iy * G.in_w + ix) * G.in_c + c0) * stride + col;
  for (count_t r = 0; r < R; ++r)
    for (count_t v = 0; v < V; ++v) acc[r][v].store_aligned(out + r * stride + v * vw);
}

// dw for filters [f0, f0 + RF) and taps [t0, t0 + RT): sum over output pixels
// and samples of dy times the input under the tap.
template <ConvShape G, count_t RF, count_t RT, class T>
inline void weight_grad_block(const T* x, const T* dy, T* dw, count_t stride, count_t f0, count_t t0) {
  using V_t = simd<T>;
  constexpr count_t vw = simd_width<T>, C = G.in_c, F = G.filters;
  count_t ky[RT], kx[RT], ch[RT], off[RT];
  for (count_t r = 0; r < RT; ++r) {
    const count_t t = t0 + r;
    ch[r] = t % C;
    kx[r] = t / C % G.kernel_w;
    ky[r] = t / C / G.kernel_w;
    off[r] = ((ky[r] * G.in_w + kx[r]) * C + ch[r]) * stride;  // from the window's first input
  }
  V_t acc[RF][RT];
  for (auto& row : acc)
    for (auto& a : row) a = V_t(T(0));
  for (count_t oy = 0; oy < G.out_h; ++oy) {
    const count_t iy0 = oy * G.stride - G.pad_top;
    const bool rows_inside = iy0 >= 0 && iy0 + G.kernel_h <= G.in_h;
    for (count_t ox = 0; ox < G.out_w; ++ox) {
      const count_t ix0 = ox * G.stride - G.pad_left;
      const T* g = dy + ((oy * G.out_w + ox) * F + f0) * stride;
      if (rows_inside && ix0 >= 0 && ix0 + G.kernel_w <= G.in_w) {
        const T* xp = x + (iy0 * G.in_w + ix0) * C * stride;
        for (count_t col = 0; col < stride; col += vw) {
          V_t gv[RF];
          for (count_t f = 0; f < RF; ++f) gv[f] = V_t::load_aligned(g + f * stride + col);
          for (count_t r = 0; r < RT; ++r) {
            V_t xv = V_t::load_aligned(xp + off[r] + col);
            in_register(xv);
            for (count_t f = 0; f < RF; ++f) acc[f][r] = xsimd::fma(gv[f], xv, acc[f][r]);
          }
        }
      } else {
        // A window over the zero padding: taps outside the image add nothing.
        const T* src[RT];
        for (count_t r = 0; r < RT; ++r) {
          const count_t iy = iy0 + ky[r], ix = ix0 + kx[r];
          const bool in = iy >= 0 && iy < G.in_h && ix >= 0 && ix < G.in_w;
          src[r] = in ? x + ((iy * G.in_w + ix) * C + ch[r]) * stride : nullptr;
        }
        alignas(buffer_alignment) static constexpr T zeros[vw]{};
        for (count_t col = 0; col < stride; col += vw) {
          V_t gv[RF];
          for (count_t f = 0; f < RF; ++f) gv[f] = V_t::load_aligned(g + f * stride + col);
          for (count_t r = 0; r < RT; ++r) {
            V_t xv = V_t::load_aligned(src[r] ? src[r] + col : zeros);
            in_register(xv);
            for (count_t f = 0; f < RF; ++f) acc[f][r] = xsimd::fma(gv[f], xv, acc[f][r]);
          }
        }
      }
    }
  }
  for (count_t f = 0; f < RF; ++f)
    for (count_t r = 0; r < RT; ++r) dw[(f0 + f) * G.taps() + t0 + r] = lane_sum(acc[f][r]);
}

}  // namespace detail

// y = conv(x, w) + bias, over every column of the batch.
template <ConvShape G, class T>
void conv_forward(const T* w, const T* bias, const T* x, T* y, count_t stride) {
  constexpr count_t R = detail::balanced_block(G.filters, detail::accumulators / 2);
  for (count_t oy = 0; oy < G.out_h; ++oy) {
    const count_t iy0 = oy * G.stride - G.pad_top;
    const count_t ky0 = iy0 < 0 ? -iy0 : 0, ky1 = G.in_h - iy0 < G.kernel_h ? G.in_h - iy0 : G.kernel_h;
    for (count_t ox = 0; ox < G.out_w; ++ox) {
      const count_t ix0 = ox * G.stride - G.pad_left;
      const count_t kx0 = ix0 < 0 ? -ix0 : 0, kx1 = G.in_w - ix0 < G.kernel_w ? G.in_w - ix0 : G.kernel_w;
      const bool inside = ky0 == 0 && kx0 == 0 && ky1 == G.kernel_h && kx1 == G.kernel_w;
      T* yp = y + (oy * G.out_w + ox) * G.filters * stride;
      detail::for_columns<T>(stride, [&]<count_t V>(count_t col) {
        detail::for_blocks<G.filters, R>([&]<count_t B>(count_t f0) {
          if (inside) detail::forward_block<G, B, V, true>(w, bias, x, yp, stride, col, f0, iy0, ix0, 0, 0, 0, 0);
          else detail::forward_block<G, B, V, false>(w, bias, x, yp, stride, col, f0, iy0, ix0, ky0, ky1, kx0, kx1);
        });
      });
    }
  }
}

// dx = conv_transpose(dy, w), overwriting dx (zero where dy is zero).
template <ConvShape G, class T>
void conv_input_grad(const T* w, const T* dy, T* dx, count_t stride) {
  constexpr count_t R = detail::balanced_block(G.in_c, detail::accumulators / 2);
  for (count_t iy = 0; iy < G.in_h; ++iy) {
    const detail::Reach ys = detail::reach(iy, G.pad_top, G.kernel_h, G.stride, G.out_h);
    for (count_t ix = 0; ix < G.in_w; ++ix) {
      const detail::Reach xs = detail::reach(ix, G.pad_left, G.kernel_w, G.stride, G.out_w);
      detail::for_columns<T>(stride, [&]<count_t V>(count_t col) {
        detail::for_blocks<G.in_c, R>([&]<count_t B>(count_t c0) {
          detail::input_grad_block<G, B, V>(w, dy, dx, stride, col, c0, iy, ix, ys, xs);
        });
      });
    }
  }
}

// dw (dense layout) and, when db is not null, the bias gradients, overwritten.
template <ConvShape G, class T>
void conv_weight_grad(const T* x, const T* dy, T* dw, T* db, count_t stride) {
  constexpr detail::GradBlock block = detail::weight_grad_block(G.filters, G.taps());
  detail::for_blocks<G.filters, block.filters>([&]<count_t RF>(count_t f0) {
    detail::for_blocks<G.taps(), block.taps>([&]<count_t RT>(count_t t0) {
      detail::weight_grad_block<G, RF, RT>(x, dy, dw, stride, f0, t0);
    });
  });
  if (!db) return;
  for (count_t f = 0; f < G.filters; ++f) {
    simd<T> acc(T(0));
    for (count_t p = 0; p < G.out_h * G.out_w; ++p)
      for (count_t col = 0; col < stride; col += simd_width<T>)
        acc += simd<T>::load_aligned(dy + (p * G.filters + f) * stride + col);
    db[f] = lane_sum(acc);
  }
}

}  // namespace ctnn::kernels
