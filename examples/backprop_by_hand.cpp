// Sheet problem 1, computed by the library: every forward value, every
// gradient and every update, for the sheet's numbers or the user's.
#include "backprop_by_hand.hpp"

#include <ctnn/cli.hpp>

#include <iostream>
#include <sstream>

namespace {

template <std::size_t N>
std::array<double, N> numbers(const std::string& text, const char* name) {
  std::array<double, N> v{};
  std::istringstream in(text);
  for (std::size_t i = 0; i < N; ++i) {
    if (!(in >> v[i])) throw ctnn::cli::usage_error(std::string("--") + name + " takes " + std::to_string(N) +
                                                    " comma-separated numbers, not '" + text + "'");
    if (i + 1 < N && in.get() != ',')
      throw ctnn::cli::usage_error(std::string("--") + name + " takes " + std::to_string(N) +
                                   " comma-separated numbers, not '" + text + "'");
  }
  if (in >> std::ws; !in.eof())
    throw ctnn::cli::usage_error(std::string("--") + name + " has more than " + std::to_string(N) + " numbers");
  return v;
}

int body(const ctnn::cli::Parser& args) {
  const auto r = sheet1::compute(numbers<3>(args.text("x"), "x"), numbers<6>(args.text("w"), "w"), args.number("eta"));
  sheet1::print_report(std::cout, r);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ctnn::cli::Parser args("backprop_by_hand",
                         "Sheet problem 1: backprop through a shared-weight 1-D convolution, ReLU, a dense layer\n"
                         "and softmax with J = -ln y1, computed by ctnn in double precision.");
  args.option("x", "X1,X2,X3", "0.5,1.0,-0.5", "the three inputs");
  args.option("w", "W1,...,W6", "1,1,1,1,1,1", "the six weights");
  args.option("eta", "RATE", "0.1", "learning rate");
  return ctnn::cli::run(argc, argv, args, body);
}
