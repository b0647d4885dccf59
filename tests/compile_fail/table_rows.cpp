// expect: layer_index<0>
// expect: connection_table<ctnn::lenet5_c3_table>
// expect: ctnn::got<14, 14, 4>
// expect: needs::table_rows_equal_to_input_channels
// LeNet-5's C3 table has 6 rows, one per input map, but the input has 4 maps.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<14, 14, 4>, Conv2D<16, 5, connection_table<lenet5_c3_table>>>;
static_assert(Net::trainable_params > 0);
