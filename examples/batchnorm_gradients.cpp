// Sheet problem 3, printed: dL/dgamma and dL/dbeta from ctnn's backward pass,
// the closed form and a finite difference, then the updated gamma and beta.
#include <ctnn/cli.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "batchnorm_gradients.hpp"

using namespace sheet3;

namespace {

// Rows x1,x2,d1,d2 after a header line.
std::vector<Sample> read_batch(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file + ": cannot open");
  std::vector<Sample> batch;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (number == 1 || line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream row(line);
    Sample s{};
    double* cells[4] = {&s.x[0], &s.x[1], &s.d[0], &s.d[1]};
    for (int c = 0; c < 4; ++c)
      if (!(row >> *cells[c]) || (c < 3 && row.get() != ','))
        throw std::runtime_error(file + ":" + std::to_string(number) + ": expected 4 numbers x1,x2,d1,d2");
    batch.push_back(s);
  }
  if (batch.size() < 2) throw std::runtime_error(file + ": a batch needs at least 2 rows (batch statistics)");
  return batch;
}

int body(const cli::Parser& args) {
  const auto batch = args.is_set("batch") ? read_batch(args.text("batch")) : default_batch;
  const double eta = args.number("eta");
  const Result r = compute(batch, static_cast<std::uint64_t>(args.integer("seed", 0, 1'000'000'000)));
  std::printf("Batch of N = %zu; W (Dense, no bias) = [[%.4f, %.4f], [%.4f, %.4f]]; v = (%.2f, %.2f); "
              "epsilon = %g; L = 1/(2N) sum (y - d)^2 = %.10f\n\n",
              batch.size(), r.w[0], r.w[1], r.w[2], r.w[3], r.v[0], r.v[1], BatchNorm::epsilon, r.loss);
  std::printf("%-12s %22s %22s %22s\n", "", "ctnn backward", "closed form", "finite difference");
  for (int j = 0; j < 2; ++j) {
    const Triple& g = r.dgamma[static_cast<std::size_t>(j)];
    const Triple& b = r.dbeta[static_cast<std::size_t>(j)];
    std::printf("dL/dgamma_%d  %+22.12e %+22.12e %+22.12e\n", j + 1, g.backprop, g.closed_form, g.finite_difference);
    std::printf("dL/dbeta_%d   %+22.12e %+22.12e %+22.12e\n", j + 1, b.backprop, b.closed_form, b.finite_difference);
  }
  std::printf("\nUpdate with eta = %g: gamma <- gamma - eta dL/dgamma, beta <- beta - eta dL/dbeta\n", eta);
  for (std::size_t j = 0; j < 2; ++j)
    std::printf("  gamma_%zu: %.6f -> %.12f   beta_%zu: %.6f -> %.12f\n", j + 1, r.gamma[j],
                r.gamma[j] - eta * r.dgamma[j].backprop, j + 1, r.beta[j], r.beta[j] - eta * r.dbeta[j].backprop);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Parser args("batchnorm_gradients",
                   "Sheet problem 3: batch-norm gradients dL/dgamma and dL/dbeta for\n"
                   "x -> Dense(2, no bias) -> BatchNorm -> sigmoid -> y_j = v_j h_j, L = 1/(2N) sum (y - d)^2,\n"
                   "from ctnn's backward pass, the closed form and a finite difference.");
  args.option("batch", "FILE", "", "CSV with a header and rows x1,x2,d1,d2 (default: a built-in batch of 4)");
  args.option("eta", "RATE", "0.1", "learning rate of the update");
  args.option("seed", "S", "3", "seed of the Dense weights");
  return cli::run(argc, argv, args, body);
}
