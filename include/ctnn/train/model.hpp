#pragma once
// Model<Net, T>: a network's parameters, gradients and activations, allocated
// once for a maximum batch. Trainable parameters live in one aligned flat
// buffer (each layer at its compile-time offset), so optimizers, saving and
// gradient averaging treat the model as one vector.
//
// Activations are stored feature-major with the batch innermost: sample b's
// feature f is at f * stride() + b, stride() being the maximum batch rounded up
// to the SIMD width. Columns past the current batch are padding: inputs there
// are zero and gradients there stay zero.
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "../kernels/simd.hpp"
#include "../kernels/step.hpp"
#include "../net.hpp"
#include "../random.hpp"
#include "initializers.hpp"

namespace ctnn {

template <class Net, class T = float>
class Model {
public:
  using network = Net;
  using value_type = T;
  using buffer = std::vector<T, AlignedAllocator<T>>;
  static constexpr std::size_t size = Net::size;
  static constexpr count_t input_size = Net::input_shape.size();
  static constexpr count_t output_size = Net::output_shape.size();

  constexpr explicit Model(count_t max_batch, std::uint64_t seed = 0, Init init = Init::glorot_uniform)
      : max_batch_(max_batch),
        stride_(round_up(max_batch < 1 ? 1 : max_batch, simd_width<T>)),
        params_(Net::param_buffer_size, T(0)),
        grads_(Net::param_buffer_size, T(0)),
        state_(Net::state_buffer_size, T(0)) {
    count_t offset = 0, widest = input_size;
    each_layer([&]<class L, std::size_t I>() {
      act_offset_[I] = offset;
      offset += L::input_shape.size() * stride_;
      widest = L::output_shape.size() > widest ? L::output_shape.size() : widest;
    });
    act_offset_[size] = offset;
    acts_.assign(offset + output_size * stride_, T(0));
    for (auto& g : delta_) g.assign(widest * stride_, T(0));
    output_grad_.assign(output_size * stride_, T(0));
    initialize(seed, init);
  }

  constexpr count_t max_batch() const { return max_batch_; }
  constexpr count_t stride() const { return stride_; }

  // Fresh weights: Init for weights, zero biases, layer-specific defaults
  // (BatchNorm gamma 1, moving variance 1; Scale 1).
  constexpr void initialize(std::uint64_t seed, Init init = Init::glorot_uniform) {
    Rng rng(seed);
    each_layer([&]<class L, std::size_t>() {
      if constexpr (requires { L::template initialize<T>(nullptr, nullptr, rng, init); })
        L::template initialize<T>(params_.data() + L::param_offset, state_.data() + L::state_offset, rng, init);
    });
  }

  // The flat buffers (alignment padding included; it stays zero).
  constexpr std::span<T> params() { return params_; }
  constexpr std::span<const T> params() const { return params_; }
  constexpr std::span<T> grads() { return grads_; }
  constexpr std::span<const T> grads() const { return grads_; }
  constexpr std::span<T> state() { return state_; }
  constexpr std::span<const T> state() const { return state_; }

  // Layer I's own parameters, gradients and state, without padding.
  template <std::size_t I>
  constexpr std::span<T> params_of() {
    using L = typename Net::template layer<I>;
    return {params_.data() + L::param_offset, static_cast<std::size_t>(L::trainable_params)};
  }
  template <std::size_t I>
  constexpr std::span<T> grads_of() {
    using L = typename Net::template layer<I>;
    return {grads_.data() + L::param_offset, static_cast<std::size_t>(L::trainable_params)};
  }
  template <std::size_t I>
  constexpr std::span<T> state_of() {
    using L = typename Net::template layer<I>;
    return {state_.data() + L::state_offset, static_cast<std::size_t>(L::non_trainable_params)};
  }

  // Input column b from a sample of input_size values (any arithmetic type,
  // times scale: MNIST's bytes come in with scale 1/255).
  template <class Src>
  constexpr void set_input(count_t b, const Src* sample, T scale = T(1)) {
    T* in = acts_.data();
    for (count_t f = 0; f < input_size; ++f) in[f * stride_ + b] = static_cast<T>(sample[f]) * scale;
  }
  // Zeroes the input columns past a batch of n, so padding stays finite.
  constexpr void clear_padding(count_t n) {
    T* in = acts_.data();
    for (count_t f = 0; f < input_size; ++f)
      for (count_t b = n; b < stride_; ++b) in[f * stride_ + b] = T(0);
  }

  // Activations: layer I's output (I = size - 1 is the network's output);
  // feature f of sample b is at [f * stride() + b].
  template <std::size_t I>
  constexpr const T* activation() const {
    return acts_.data() + act_offset_[I + 1];
  }
  constexpr const T* input() const { return acts_.data(); }
  constexpr T* input() { return acts_.data(); }
  constexpr const T* output() const { return acts_.data() + act_offset_[size]; }
  constexpr T output(count_t b, count_t f) const { return output()[f * stride_ + b]; }

  // The gradient of the loss with respect to the network's output (or, with
  // from_layer < size, to layer from_layer's output), set by a loss.
  constexpr T* output_gradient() { return output_grad_.data(); }
  constexpr const T* output_gradient() const { return output_grad_.data(); }

  constexpr void forward(count_t n, bool training = false) {
    n_ = n;
    each_layer([&]<class L, std::size_t I>() {
      L::forward(step<L>(training), acts_.data() + act_offset_[I], acts_.data() + act_offset_[I + 1]);
    });
  }

  // Inference on n samples given row-major (n x input_size), in batches of
  // max_batch(): the outputs, row-major n x output_size.
  template <class Src>
  std::vector<T> predict(const Src* samples, count_t n) {
    std::vector<T> out(static_cast<std::size_t>(n * output_size));
    for (count_t first = 0; first < n; first += max_batch_) {
      const count_t k = n - first < max_batch_ ? n - first : max_batch_;
      for (count_t b = 0; b < k; ++b) set_input(b, samples + (first + b) * input_size);
      clear_padding(k);
      forward(k, false);
      for (count_t b = 0; b < k; ++b)
        for (count_t f = 0; f < output_size; ++f)
          out[static_cast<std::size_t>((first + b) * output_size + f)] = output(b, f);
    }
    return out;
  }

  // Backpropagates output_gradient() through layers from_layer - 1 down to 0,
  // filling grads(); with input_gradient, also dL/dinput (see input_gradient()).
  // from_layer = size - 1 starts below the last layer (the fused softmax and
  // cross-entropy pass the gradient with respect to the logits).
  constexpr void backward(std::size_t from_layer = size, bool want_input_gradient = false) {
    const T* dy = output_grad_.data();
    int next = 0;
    each_layer_reversed([&]<class L, std::size_t I>() {
      if (I >= from_layer) return;
      T* dx = I == 0 ? (want_input_gradient ? input_gradient_buffer() : nullptr) : delta_[next].data();
      L::backward(step<L>(true), acts_.data() + act_offset_[I], acts_.data() + act_offset_[I + 1], dy, dx);
      dy = dx;
      next = 1 - next;
    });
  }
  constexpr const T* input_gradient() const { return input_grad_.data(); }

  // Selects the plain-loop kernels (the references the fast ones are tested against).
  bool reference = false;

private:
  template <class L>
  constexpr Step<T> step(bool training) {
    return Step<T>{params_.data() + L::param_offset, grads_.data() + L::param_offset,
                   state_.data() + L::state_offset, n_, stride_, training, reference};
  }

  constexpr T* input_gradient_buffer() {
    if (input_grad_.empty()) input_grad_.assign(input_size * stride_, T(0));
    return input_grad_.data();
  }

  template <class F>
  static constexpr void each_layer(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (f.template operator()<typename Net::template layer<I>, I>(), ...);
    }(std::make_index_sequence<size>{});
  }
  template <class F>
  static constexpr void each_layer_reversed(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (f.template operator()<typename Net::template layer<size - 1 - I>, size - 1 - I>(), ...);
    }(std::make_index_sequence<size>{});
  }

  count_t max_batch_, stride_, n_ = 0;
  buffer params_, grads_, state_, acts_, input_grad_, output_grad_;
  buffer delta_[2];
  count_t act_offset_[size + 1]{};
};

}  // namespace ctnn
