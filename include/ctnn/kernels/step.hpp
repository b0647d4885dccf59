#pragma once
// What a layer's forward and backward see of the model: its own parameters,
// gradients and state, and the batch geometry.
#include "../shape.hpp"

namespace ctnn {

template <class T>
struct Step {
  const T* params = nullptr;  // this layer's trainable parameters
  T* grads = nullptr;         // their gradients, overwritten by backward
  T* state = nullptr;         // non-trainable state (moving statistics, fixed centres)
  count_t n = 0;              // samples in the batch; columns n..stride-1 are padding
  count_t stride = 0;         // distance between features, a multiple of the SIMD width
  bool training = false;      // batch statistics (BatchNorm) and their moving update
  bool reference = false;     // use the plain-loop kernels

  // The plain loops run when asked, and always inside a constant expression.
  constexpr bool plain() const { return reference || std::is_constant_evaluated(); }
};

}  // namespace ctnn
