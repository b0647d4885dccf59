// Shapes, counts and offsets of every layer kind, as the compile-time table gives them.
#include <ctnn/ctnn.hpp>
#include <doctest/doctest.h>

using namespace ctnn;

// Sheet problem 1: a kernel of 2 sliding over 3 inputs, no bias, then a dense layer.
using Backprop = Network<Input<3, 1>, Conv1D<1, 2, no_bias>, ReLU, Flatten, Dense<2, no_bias>, Softmax>;
static_assert(Backprop::layer<0>::output_shape == Shape{2, 1});
static_assert(Backprop::layer<0>::trainable_params == 2);
static_assert(Backprop::layer<0>::connections == 4);
static_assert(Backprop::layer<2>::output_shape == Shape{2});
static_assert(Backprop::layer<3>::trainable_params == 4);
static_assert(Backprop::trainable_params == 6);
static_assert(Backprop::bias_params == 0);
static_assert(Backprop::size == 5);

// Stride, same padding and pooling windows, as Keras computes them.
using Strided = Network<Input<28, 28, 3>, Conv2D<8, 3, same, stride<2>>, AvgPool<3, stride<2>>, MaxPool<2, stride<1>>>;
static_assert(Strided::layer<0>::output_shape == Shape{14, 14, 8});
static_assert(Strided::layer<0>::trainable_params == 8 * (27 + 1));
static_assert(Strided::layer<0>::connections == 14 * 14 * 8 * (27 + 1));
static_assert(Strided::layer<1>::output_shape == Shape{6, 6, 8});
static_assert(Strided::layer<1>::connections == 6 * 6 * 8 * 9);
static_assert(Strided::layer<2>::output_shape == Shape{5, 5, 8});
static_assert(Strided::layer<2>::trainable_params == 0);
// 'same' with stride: out = ceil(in / stride) on odd sizes too.
static_assert(Network<Input<7, 7, 1>, Conv2D<1, 3, same, stride<2>>>::output_shape == Shape{4, 4, 1});

// Sheet problem 3: Dense without bias, BatchNorm, Sigmoid, per-unit scale.
using BatchNormNet = Network<Input<2>, Dense<2, no_bias>, BatchNorm, Sigmoid, Scale>;
static_assert(BatchNormNet::layer<1>::trainable_params == 4);      // gamma, beta
static_assert(BatchNormNet::layer<1>::non_trainable_params == 4);  // moving mean, variance
static_assert(BatchNormNet::layer<1>::bias_params == 2);
static_assert(BatchNormNet::layer<3>::trainable_params == 2);
static_assert(BatchNormNet::trainable_params == 4 + 4 + 2);
static_assert(BatchNormNet::non_trainable_params == 4);
static_assert(BatchNormNet::total_params == 14);

// BatchNorm on an image normalizes per channel, as Keras's axis=-1.
static_assert(Network<Input<8, 8, 3>, BatchNorm>::trainable_params == 6);

// Parameter offsets: layers in order, each block aligned for SIMD loads.
using Mlp = Network<Input<4>, Dense<10>, ReLU, Dense<10>, ReLU, Dense<3>, Softmax>;
static_assert(Mlp::layer<0>::param_offset == 0);
static_assert(Mlp::layer<2>::param_offset == 64);   // 50 params, aligned up to 64
static_assert(Mlp::layer<4>::param_offset == 176);  // 64 + 110, aligned up to 176
static_assert(Mlp::param_buffer_size == 176 + 48);  // 33 params, aligned up to 48
static_assert(Mlp::layer<1>::param_offset == Mlp::layer<2>::param_offset);  // ReLU holds nothing
static_assert(Mlp::layer<4>::param_offset % param_alignment == 0);
static_assert(Mlp::trainable_params == 50 + 110 + 33);
static_assert(BatchNormNet::state_buffer_size == 16);
static_assert(BatchNormNet::layer<1>::state_offset == 0);

// Iris network sizes for every hidden width of the sweep.
template <count_t U>
using Iris = Network<Input<4>, Dense<U>, ReLU, Dense<U>, ReLU, Dense<3>, Softmax>;
static_assert(Iris<10>::trainable_params == 5 * 10 + 11 * 10 + 11 * 3);
static_assert(Iris<100>::trainable_params == 5 * 100 + 101 * 100 + 101 * 3);

TEST_CASE("every layer's input shape is the previous layer's output shape") {
  Shape previous = Strided::input_shape;
  int layers = 0;
  Strided::for_each_layer([&](auto t) {
    using L = typename decltype(t)::type;
    CHECK(L::input_shape == previous);
    CHECK(L::index == static_cast<std::size_t>(layers));
    previous = L::output_shape;
    ++layers;
  });
  CHECK(layers == 3);
  CHECK(previous == Strided::output_shape);
}

TEST_CASE("the layer table names each layer's kind") {
  CHECK(Backprop::layer<0>::name == "Conv1D");
  CHECK(Backprop::layer<3>::name == "Dense");
  CHECK(BatchNormNet::layer<1>::name == "BatchNorm");
}
