// expect: layer_index<1>
// expect: ctnn::Input<4>
// expect: needs::Input_only_as_first_layer
// Input belongs only at the front.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<4>, Dense<4>, Input<4>, Dense<3>>;
static_assert(Net::trainable_params > 0);
