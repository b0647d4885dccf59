#pragma once
// One step of training: forward, loss, backward, optimizer update.
#include "losses.hpp"
#include "model.hpp"

namespace ctnn {

// Forward and backward for the batch of n samples already set as the model's
// input; fills grads() and returns the batch's mean loss.
template <class Net, class T, class Loss>
constexpr T compute_gradients(Model<Net, T>& m, count_t n, const Loss& loss, const Targets<T>& targets,
                              bool input_gradient = false) {
  m.forward(n, true);
  const T value = loss(m, n, targets);
  m.backward(Loss::template fused<Net> ? Net::size - 1 : Net::size, input_gradient);
  return value;
}

template <class Net, class T, class Loss, class Optimizer>
T train_step(Model<Net, T>& m, count_t n, const Loss& loss, const Targets<T>& targets, Optimizer& optimizer) {
  const T value = compute_gradients(m, n, loss, targets);
  optimizer.step(m.params(), std::span<const T>(m.grads()));
  return value;
}

}  // namespace ctnn
