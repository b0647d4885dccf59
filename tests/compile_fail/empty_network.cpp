// expect: network_error<ctnn::network_needs::Input_as_first_layer, ctnn::empty_network>
// A network with nothing in it.
#include <ctnn/ctnn.hpp>
static_assert(sizeof(ctnn::Network<>) > 0);
