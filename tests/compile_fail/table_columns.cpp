// expect: layer_index<0>
// expect: ctnn::Conv2D<10, 5, ctnn::connection_table<ctnn::lenet5_c3_table> >
// expect: needs::table_columns_equal_to_filters
// LeNet-5's C3 table has 16 columns, one per output map, but the layer has 10 filters.
#include <ctnn/ctnn.hpp>
using namespace ctnn;
using Net = Network<Input<14, 14, 6>, Conv2D<10, 5, connection_table<lenet5_c3_table>>>;
static_assert(Net::trainable_params > 0);
