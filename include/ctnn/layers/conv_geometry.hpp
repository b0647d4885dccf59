#pragma once
// Output size and padding of a sliding window, as Keras computes them.
#include "../shape.hpp"

namespace ctnn::detail {

struct Window {
  count_t in, kernel, stride, pad_before, out;
  bool fits;  // the window fits the (padded) input at least once
};

// 'same' pads so that out = ceil(in / stride), with the odd pixel of padding
// after, not before (TensorFlow's rule); 'valid' pads nothing.
constexpr Window window(count_t in, count_t kernel, count_t stride, bool same) {
  if (kernel <= 0 || stride <= 0 || in <= 0) return {in, kernel, stride, 0, 0, false};
  if (same) {
    const count_t out = (in + stride - 1) / stride;
    const count_t pad_total = (out - 1) * stride + kernel - in;
    const count_t pad = pad_total > 0 ? pad_total : 0;
    return {in, kernel, stride, pad / 2, out, true};
  }
  if (kernel > in) return {in, kernel, stride, 0, 0, false};
  return {in, kernel, stride, 0, (in - kernel) / stride + 1, true};
}

}  // namespace ctnn::detail
