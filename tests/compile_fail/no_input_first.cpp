// expect: network_error<ctnn::network_needs::Input_as_first_layer, ctnn::Dense<3> >
// The first entry must be Input.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
static_assert(sizeof(Network<Dense<3>, Softmax>) > 0);
