// Sheet problem 2: LeNet-5's parameters and connections, three ways, every
// figure computed by the compiler (see tests/test_counts_lenet5.cpp).
#include <ctnn/cli.hpp>
#include <ctnn/models/lenet5.hpp>

#include <iostream>

using namespace ctnn;

namespace {

const std::vector<std::string> names_1998 = {"C1", "", "S2", "", "C3", "", "S4", "", "C5", "", "", "F6", "", "output"};
const std::vector<std::string> names_sheet = {"C1", "", "S2", "C3", "", "S4", "C5", "", "", "F6", "", "output"};

void print_1998() {
  summary<models::LeNet5_1998>(std::cout, {.title = "a) LeNet-5 (LeCun et al. 1998): 32x32 input, C3 by Table I, "
                                                    "trainable subsampling, RBF output (fixed centres)",
                                           .names = names_1998});
}

void print_sheet() {
  summary<models::LeNet5_Sheet<MaxPool<2>>>(
      std::cout, {.title = "b) The sheet's modern LeNet-5, biases ignored, max pooling (S2, S4 have no weights)",
                  .names = names_sheet,
                  .without_bias = true});
  std::cout << '\n';
  summary<models::LeNet5_Sheet<Subsample<2, no_bias>>>(
      std::cout, {.title = "b) The same with trainable subsampling (one coefficient per map)",
                  .names = names_sheet,
                  .without_bias = true});
}

void print_keras() {
  summary<models::LeNet5_Keras>(
      std::cout, {.title = "c) The Keras model of problem 5 (biases, max pooling): Keras's model.summary() totals"});
}

int body(const cli::Parser& args) {
  const std::string which = args.text("table");
  if (which != "all" && which != "1998" && which != "sheet" && which != "keras")
    throw cli::usage_error("--table takes all, 1998, sheet or keras, not '" + which + "'");
  if (which == "all" || which == "1998") print_1998(), std::cout << '\n';
  if (which == "all" || which == "sheet") print_sheet(), std::cout << '\n';
  if (which == "all" || which == "keras") print_keras();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Parser args("lenet5_counts",
                   "Sheet problem 2: LeNet-5's parameters and connections per layer, computed at compile time:\n"
                   "  1998   the original network (LeCun, Bottou, Bengio, Haffner 1998)\n"
                   "  sheet  the course sheet's modern version without biases\n"
                   "  keras  the Keras model of problem 5, with Keras's param totals");
  args.option("table", "NAME", "all", "which table: all, 1998, sheet or keras");
  return cli::run(argc, argv, args, body);
}
