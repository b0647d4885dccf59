// expect: layer_index<2>
// expect: ctnn::MaxPool<4>
// expect: ctnn::got<3, 3, 2>
// expect: needs::pool_no_larger_than_input
// A 4x4 pool on a 3x3 map.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<5, 5, 1>, Conv2D<2, 3>, ReLU, MaxPool<4>>;
static_assert(Net::trainable_params > 0);
