// expect: layer_index<1>
// expect: ctnn::Conv2D<6, 3>
// expect: ctnn::got<10>
// expect: needs::image_input__height_width_channels
// Conv2D needs an image, not a flat vector.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<4>, Dense<10>, Conv2D<6, 3>>;
static_assert(Net::trainable_params > 0);
