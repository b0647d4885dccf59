#pragma once
// The LeNet-5s of the course sheet, declared once for the examples and tests.
#include "../ctnn.hpp"

namespace ctnn::models {

// LeCun, Bottou, Bengio, Haffner (1998): 32x32 input, C3 wired by Table I,
// trainable subsampling, the scaled tanh squashing after every layer, RBF output.
using LeNet5_1998 = Network<
    Input<32, 32, 1>,
    Conv2D<6, 5>, ScaledTanh,                                       // C1
    Subsample<2>, ScaledTanh,                                       // S2
    Conv2D<16, 5, connection_table<lenet5_c3_table>>, ScaledTanh,   // C3
    Subsample<2>, ScaledTanh,                                       // S4
    Conv2D<120, 5>, ScaledTanh,                                     // C5
    Flatten,
    Dense<84>, ScaledTanh,                                          // F6
    RBF<10>>;                                                       // output

// The same network with a Dense(10) + softmax output in place of the RBF,
// trainable with the usual cross-entropy.
using LeNet5_1998_Softmax = Network<
    Input<32, 32, 1>,
    Conv2D<6, 5>, ScaledTanh,
    Subsample<2>, ScaledTanh,
    Conv2D<16, 5, connection_table<lenet5_c3_table>>, ScaledTanh,
    Subsample<2>, ScaledTanh,
    Conv2D<120, 5>, ScaledTanh,
    Flatten,
    Dense<84>, ScaledTanh,
    Dense<10>, Softmax>;

// The sheet's "modern" LeNet-5 (problem 2): 28x28 input, C1 padded, C3 reading
// all six maps, biases ignored, 10 outputs; Pool is MaxPool<2> or
// Subsample<2, no_bias> (one trainable coefficient per map).
template <class Pool>
using LeNet5_Sheet = Network<
    Input<28, 28, 1>,
    Conv2D<6, 5, same, no_bias>, ReLU,   // C1
    Pool,                                // S2
    Conv2D<16, 5, no_bias>, ReLU,        // C3
    Pool,                                // S4
    Conv2D<120, 5, no_bias>, ReLU,       // C5
    Flatten,
    Dense<84, no_bias>, ReLU,            // F6
    Dense<10, no_bias>>;                 // output

// The Keras model of sheet problem 5.
using LeNet5_Keras = Network<
    Input<28, 28, 1>,
    Conv2D<6, 5, same>, ReLU,
    MaxPool<2>,
    Conv2D<16, 5>, ReLU,
    MaxPool<2>,
    Flatten,
    Dense<120>, ReLU,
    Dense<84>, ReLU,
    Dense<10>, Softmax>;

}  // namespace ctnn::models
