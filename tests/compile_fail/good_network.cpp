// expect: compiles
// The control: the Keras LeNet-5 compiles.
#include <ctnn/models/lenet5.hpp>
static_assert(ctnn::models::LeNet5_Keras::trainable_params == 61'706);
