// expect: layer_index<0>
// expect: needs::only_options_this_layer_knows
// Padding means nothing to Dense.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<4>, Dense<4, same>>;
static_assert(Net::trainable_params > 0);
