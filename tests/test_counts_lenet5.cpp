// Every figure of the sheet's problem 2 (SPEC.md), checked by the compiler.
#include <ctnn/models/lenet5.hpp>
#include <doctest/doctest.h>

using namespace ctnn;
using models::LeNet5_1998;
using models::LeNet5_Keras;
using models::LeNet5_Sheet;

// a) LeNet-5 (1998): params / connections per layer.
// Layer indices: 0 C1, 2 S2, 4 C3, 6 S4, 8 C5, 11 F6, 13 RBF.
static_assert(LeNet5_1998::layer<0>::output_shape == Shape{28, 28, 6});
static_assert(LeNet5_1998::layer<0>::trainable_params == 156);
static_assert(LeNet5_1998::layer<0>::connections == 122'304);
static_assert(LeNet5_1998::layer<2>::output_shape == Shape{14, 14, 6});
static_assert(LeNet5_1998::layer<2>::trainable_params == 12);
static_assert(LeNet5_1998::layer<2>::connections == 5'880);
static_assert(LeNet5_1998::layer<4>::output_shape == Shape{10, 10, 16});
static_assert(LeNet5_1998::layer<4>::trainable_params == 1'516);
static_assert(LeNet5_1998::layer<4>::connections == 151'600);
static_assert(LeNet5_1998::layer<6>::output_shape == Shape{5, 5, 16});
static_assert(LeNet5_1998::layer<6>::trainable_params == 32);
static_assert(LeNet5_1998::layer<6>::connections == 2'000);
static_assert(LeNet5_1998::layer<8>::output_shape == Shape{1, 1, 120});
static_assert(LeNet5_1998::layer<8>::trainable_params == 48'120);
static_assert(LeNet5_1998::layer<8>::connections == 48'120);
static_assert(LeNet5_1998::layer<11>::output_shape == Shape{84});
static_assert(LeNet5_1998::layer<11>::trainable_params == 10'164);
static_assert(LeNet5_1998::layer<11>::connections == 10'164);
static_assert(LeNet5_1998::layer<13>::output_shape == Shape{10});
static_assert(LeNet5_1998::layer<13>::trainable_params == 0);      // centres fixed in the paper
static_assert(LeNet5_1998::layer<13>::non_trainable_params == 840);
static_assert(LeNet5_1998::layer<13>::connections == 840);
static_assert(LeNet5_1998::trainable_params == 60'000);
static_assert(LeNet5_1998::connections == 340'908);
// The C3 table: 60 links in all (6 x 3 + 6 x 4 + 3 x 4 + 6).
static_assert(lenet5_c3_table.links() == 60);
static_assert(lenet5_c3_table.fan_in(0) == 3 && lenet5_c3_table.fan_in(6) == 4 &&
              lenet5_c3_table.fan_in(12) == 4 && lenet5_c3_table.fan_in(15) == 6);
static_assert(lenet5_c3_table(0, 12) && lenet5_c3_table(1, 12) && !lenet5_c3_table(2, 12) &&
              lenet5_c3_table(3, 12) && lenet5_c3_table(4, 12) && !lenet5_c3_table(5, 12));

// b) The sheet's modern LeNet-5, biases ignored: weights / connections.
// Layer indices: 0 C1, 2 S2, 3 C3, 5 S4, 6 C5, 9 F6, 11 output.
template <class Net>
constexpr bool sheet_convs_and_dense() {
  return Net::template layer<0>::params_without_bias == 150 &&
         Net::template layer<0>::connections_without_bias == 117'600 &&
         Net::template layer<3>::params_without_bias == 2'400 &&
         Net::template layer<3>::connections_without_bias == 240'000 &&
         Net::template layer<6>::params_without_bias == 48'000 &&
         Net::template layer<6>::connections_without_bias == 48'000 &&
         Net::template layer<9>::params_without_bias == 10'080 &&
         Net::template layer<9>::connections_without_bias == 10'080 &&
         Net::template layer<11>::params_without_bias == 840 &&
         Net::template layer<11>::connections_without_bias == 840;
}
using SheetMax = LeNet5_Sheet<MaxPool<2>>;
using SheetSub = LeNet5_Sheet<Subsample<2, no_bias>>;
static_assert(sheet_convs_and_dense<SheetMax>());
static_assert(sheet_convs_and_dense<SheetSub>());
static_assert(SheetSub::layer<2>::params_without_bias == 6);
static_assert(SheetSub::layer<2>::connections_without_bias == 4'704);
static_assert(SheetSub::layer<5>::params_without_bias == 16);
static_assert(SheetSub::layer<5>::connections_without_bias == 1'600);
static_assert(SheetMax::layer<2>::params_without_bias == 0);
static_assert(SheetMax::layer<2>::connections_without_bias == 4'704);
static_assert(SheetMax::layer<5>::params_without_bias == 0);
static_assert(SheetMax::layer<5>::connections_without_bias == 1'600);
static_assert(SheetMax::bias_params == 0 && SheetSub::bias_params == 0);
static_assert(SheetMax::params_without_bias == 150 + 2'400 + 48'000 + 10'080 + 840);
static_assert(SheetSub::params_without_bias == 150 + 6 + 2'400 + 16 + 48'000 + 10'080 + 840);

// c) The Keras model of problem 5: Keras's model.summary() figures.
static_assert(LeNet5_Keras::layer<0>::trainable_params == 156);
static_assert(LeNet5_Keras::layer<2>::trainable_params == 0);
static_assert(LeNet5_Keras::layer<3>::trainable_params == 2'416);
static_assert(LeNet5_Keras::layer<5>::trainable_params == 0);
static_assert(LeNet5_Keras::layer<6>::output_shape == Shape{400});
static_assert(LeNet5_Keras::layer<7>::trainable_params == 48'120);
static_assert(LeNet5_Keras::layer<9>::trainable_params == 10'164);
static_assert(LeNet5_Keras::layer<11>::trainable_params == 850);
static_assert(LeNet5_Keras::trainable_params == 61'706);
static_assert(LeNet5_Keras::total_params == 61'706);
static_assert(LeNet5_Keras::non_trainable_params == 0);
static_assert(LeNet5_Keras::connections == 429'342);
static_assert(LeNet5_Keras::output_shape == Shape{10});

TEST_CASE("LeNet-5 (1998) has 60,000 trainable parameters and 340,908 connections") {
  CHECK(LeNet5_1998::trainable_params == 60'000);
  CHECK(LeNet5_1998::connections == 340'908);
}

TEST_CASE("the Keras LeNet-5 of problem 5 has 61,706 params, as model.summary() prints") {
  CHECK(LeNet5_Keras::trainable_params == 61'706);
}
