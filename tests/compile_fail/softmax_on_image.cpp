// expect: layer_index<1>
// expect: ctnn::Softmax
// expect: ctnn::got<6, 6, 4>
// expect: needs::flat_input__add_Flatten
// Softmax over an image: flatten first.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<8, 8, 1>, Conv2D<4, 3>, Softmax>;
static_assert(Net::trainable_params == 40);
