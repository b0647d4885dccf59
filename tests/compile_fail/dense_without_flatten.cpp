// expect: layer_error<ctnn::layer_index<6>, ctnn::Dense<120>, ctnn::got<5, 5, 16>, ctnn::needs::flat_input__add_Flatten>
// Dense after a 3-D shape without Flatten.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<28, 28, 1>, Conv2D<6, 5, same>, ReLU, MaxPool<2>, Conv2D<16, 5>, ReLU, MaxPool<2>,
                    Dense<120>, ReLU, Dense<10>, Softmax>;
static_assert(Net::trainable_params > 0);
