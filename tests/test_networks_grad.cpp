// Whole networks' backprop against finite differences (double precision):
// the Keras LeNet-5, the 1998 LeNet-5 with its C3 table and RBF output, and an
// Iris MLP with BatchNorm.
#include <ctnn/models/lenet5.hpp>

#include "layer_check.hpp"

using namespace ctnn;
using ctnn::testing::check_gradients;

namespace {
// Big inputs are checked layer by layer elsewhere; here a sample of every
// layer's parameters. The step is 1e-4: the difference quotient's rounding
// error, ~1e-16 |L| / h, is ~1e-6 at h = 1e-6 for the RBF network's squared
// distances (|L| ~ 1e4), while h = 1e-3 starts to cross ReLU's kink.
constexpr GradientCheckOptions sampled{.h = 1e-4, .max_params_per_layer = 24, .check_inputs = false};
}  // namespace

TEST_CASE("the Keras LeNet-5's gradients match finite differences to 1e-6") {
  const auto r = check_gradients<models::LeNet5_Keras>(2, sampled, 21, CrossEntropy{});
  CHECK(r.params_checked == 5 * 24);  // two convolutions and three Dense layers, 24 each
}

TEST_CASE("LeNet-5 (1998)'s gradients match, C3 table and RBF output included") {
  check_gradients<models::LeNet5_1998>(2, sampled, 22);
  check_gradients<models::LeNet5_1998_Softmax>(2, sampled, 23, CrossEntropy{});
}

TEST_CASE("an Iris MLP with BatchNorm: gradients match, through the batch statistics") {
  // A bias before BatchNorm has a true gradient of exactly 0 (the mean
  // removes it): at h = 1e-6 the difference quotient's rounding noise,
  // ~2e-10, exceeds the 1e-10 that the error floor allows; h = 1e-5 is below.
  check_gradients<Network<Input<4>, Dense<10>, BatchNorm, ReLU, Dense<10>, BatchNorm, ReLU, Dense<3>, Softmax>>(
      6, {.h = 1e-5}, 24, CrossEntropy{});
}
