// Sheet problem 2: LeNet-5's parameters and connections, three ways, every
// figure computed by the compiler (see tests/test_counts_lenet5.cpp).
#include <ctnn/models/lenet5.hpp>

#include <cstring>
#include <iostream>
#include <string_view>

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

}  // namespace

int main(int argc, char** argv) {
  std::string_view which = "all";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << "Usage: lenet5_counts [--table all|1998|sheet|keras]\n\n"
                   "Prints LeNet-5's parameters and connections per layer, as computed at compile time:\n"
                   "  1998   the original network (LeCun, Bottou, Bengio, Haffner 1998)\n"
                   "  sheet  the course sheet's modern version without biases (problem 2)\n"
                   "  keras  the Keras model of problem 5, with Keras's param totals\n"
                   "Default: all three.\n";
      return 0;
    }
    if (arg == "--table" && i + 1 < argc) {
      which = argv[++i];
    } else {
      std::cerr << "lenet5_counts: unknown argument '" << arg << "' (see --help)\n";
      return 2;
    }
  }
  if (which != "all" && which != "1998" && which != "sheet" && which != "keras") {
    std::cerr << "lenet5_counts: --table takes all, 1998, sheet or keras, not '" << which << "'\n";
    return 2;
  }
  if (which == "all" || which == "1998") print_1998(), std::cout << '\n';
  if (which == "all" || which == "sheet") print_sheet(), std::cout << '\n';
  if (which == "all" || which == "keras") print_keras();
  return 0;
}
