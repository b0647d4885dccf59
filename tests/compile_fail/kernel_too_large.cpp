// expect: layer_index<1>
// expect: ctnn::Conv2D<16, 5>
// expect: ctnn::got<4, 4, 6>
// expect: needs::kernel_no_larger_than_padded_input
// A 5x5 kernel on a 4x4 input without padding.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<8, 8, 1>, Conv2D<6, 5, same, stride<2>>, Conv2D<16, 5>>;
static_assert(Net::trainable_params > 0);
