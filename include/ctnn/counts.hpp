#pragma once
// What a layer or a network holds and how it is wired, in the conventions in use:
// Keras's params (trainable and not), the sheet's "weights, ignoring the bias",
// and LeCun's connections (one link per input of each output unit, a bias
// counting as one link).
#include "shape.hpp"

namespace ctnn {

struct Counts {
  count_t trainable_params = 0;      // Keras "Trainable params"
  count_t non_trainable_params = 0;  // e.g. batch norm's moving statistics, fixed RBF centres
  count_t bias_params = 0;           // the trainable biases among trainable_params
  count_t connections = 0;           // LeCun's multiply-add links, bias links included
  count_t bias_connections = 0;      // the bias links among connections

  constexpr count_t total_params() const { return trainable_params + non_trainable_params; }
  // The sheet's "trainable weights, ignoring the bias".
  constexpr count_t params_without_bias() const { return trainable_params - bias_params; }
  constexpr count_t connections_without_bias() const { return connections - bias_connections; }

  friend constexpr Counts operator+(const Counts& a, const Counts& b) {
    return {a.trainable_params + b.trainable_params, a.non_trainable_params + b.non_trainable_params,
            a.bias_params + b.bias_params, a.connections + b.connections,
            a.bias_connections + b.bias_connections};
  }
  friend constexpr bool operator==(const Counts&, const Counts&) = default;
};

// Mixed into layers and networks so that every count reads as a member:
// Net::trainable_params, Net::layer<0>::connections.
template <Counts C>
struct counted {
  static constexpr count_t trainable_params = C.trainable_params;
  static constexpr count_t non_trainable_params = C.non_trainable_params;
  static constexpr count_t total_params = C.total_params();
  static constexpr count_t bias_params = C.bias_params;
  static constexpr count_t params_without_bias = C.params_without_bias();
  static constexpr count_t connections = C.connections;
  static constexpr count_t bias_connections = C.bias_connections;
  static constexpr count_t connections_without_bias = C.connections_without_bias();
};

}  // namespace ctnn
