// expect: network_error<ctnn::network_needs::a_layer_after_Input, ctnn::Input<4> >
// Input alone is not a network.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
static_assert(sizeof(Network<Input<4>>) > 0);
