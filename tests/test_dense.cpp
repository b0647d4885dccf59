// Dense, the activations and Softmax: gradients and kernels.
#include "layer_check.hpp"

using namespace ctnn;
using ctnn::testing::check_fast_matches_reference;
using ctnn::testing::check_gradients;

TEST_CASE("Dense's gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<7>, Dense<5>>>(3);
  check_gradients<Network<Input<7>, Dense<5, no_bias>>>(1);
}

TEST_CASE("the activations' gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<9>, ReLU>>(4);
  check_gradients<Network<Input<9>, Sigmoid>>(4);
  check_gradients<Network<Input<9>, Tanh>>(4);
  check_gradients<Network<Input<9>, ScaledTanh>>(4);
  check_gradients<Network<Input<3, 3, 2>, Flatten>>(2);
}

TEST_CASE("Softmax's gradient matches finite differences to 1e-6, alone and fused with cross-entropy") {
  check_gradients<Network<Input<6>, Softmax>>(3);
  check_gradients<Network<Input<6>, Dense<4>, Softmax>>(3, {}, 3, CrossEntropy{});
}

TEST_CASE("an MLP's gradients match finite differences to 1e-6") {
  check_gradients<Network<Input<4>, Dense<10>, ReLU, Dense<10>, ReLU, Dense<3>, Softmax>>(5, {}, 5, CrossEntropy{});
}

TEST_CASE("Dense's fast kernels match the plain loops on odd sizes") {
  check_fast_matches_reference<Network<Input<11>, Dense<13>>>(19, 19);
  check_fast_matches_reference<Network<Input<11>, Dense<13>>>(19, 5);
  check_fast_matches_reference<Network<Input<11>, Dense<13>>>(1, 1);
  check_fast_matches_reference<Network<Input<3>, Dense<1, no_bias>>>(37, 33);
  check_fast_matches_reference<Network<Input<130>, Dense<67>>>(32, 32);
}

TEST_CASE("the activations' fast kernels match the plain loops") {
  check_fast_matches_reference<Network<Input<17>, ReLU, Sigmoid, Tanh, ScaledTanh, Softmax>>(21, 20);
}
