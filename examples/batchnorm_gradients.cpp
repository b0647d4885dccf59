// Sheet problem 3: two inputs, a linear layer, batch normalization, sigmoid,
// outputs y_j = v_j h_j, L = 1/(2N) sum_i sum_j (y_j(i) - d_j(i))^2. Prints
// dL/dgamma and dL/dbeta from ctnn's backward pass next to the closed form
//   g_j(i) = (1/N) (y_j(i) - d_j(i)) v_j h_j(i) (1 - h_j(i)),
//   dL/dgamma_j = sum_i g_j(i) xhat_j(i),  dL/dbeta_j = sum_i g_j(i),
// and a central finite difference, then the updated gamma and beta.
#include <ctnn/cli.hpp>
#include <ctnn/ctnn.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace ctnn;

namespace {

using Net = Network<Input<2>, Dense<2, no_bias>, BatchNorm, Sigmoid, Scale>;

struct Sample {
  double x[2], d[2];
};

const std::vector<Sample> default_batch = {
    {{0.5, 1.0}, {0.2, 0.7}}, {{-1.0, 0.3}, {0.9, 0.1}}, {{2.0, -0.5}, {0.4, 0.4}}, {{0.1, 0.8}, {0.6, 0.3}}};

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
    for (int c = 0; c < 4; ++c) {
      if (!(row >> *cells[c]) || (c < 3 && row.get() != ','))
        throw std::runtime_error(file + ":" + std::to_string(number) + ": expected 4 numbers x1,x2,d1,d2");
    }
    batch.push_back(s);
  }
  if (batch.size() < 2) throw std::runtime_error(file + ": a batch needs at least 2 rows (batch statistics)");
  return batch;
}

int body(const cli::Parser& args) {
  const auto batch = args.is_set("batch") ? read_batch(args.text("batch")) : default_batch;
  const double eta = args.number("eta");
  const auto n = static_cast<count_t>(batch.size());
  Model<Net, double> m(n, static_cast<std::uint64_t>(args.integer("seed", 0, 1'000'000'000)));
  // v away from 1 so that its factor in g_j shows.
  m.params_of<3>()[0] = 0.8;
  m.params_of<3>()[1] = -1.3;
  std::vector<double, AlignedAllocator<double>> targets(static_cast<std::size_t>(2 * m.stride()), 0.0);
  for (count_t i = 0; i < n; ++i) {
    m.set_input(i, batch[static_cast<std::size_t>(i)].x);
    for (int j = 0; j < 2; ++j) targets[static_cast<std::size_t>(j * m.stride() + i)] = batch[static_cast<std::size_t>(i)].d[j];
  }
  m.clear_padding(n);
  const MeanSquaredError loss{.half_sum = true};
  const Targets<double> t{{}, targets.data()};
  const double L = compute_gradients(m, n, loss, t);

  const count_t s = m.stride();
  const double* z = m.activation<0>();
  const double* h = m.activation<2>();
  const double* y = m.output();
  const auto v = m.params_of<3>();
  auto bn = m.params_of<1>();  // gamma[2], then beta[2]
  const auto grads = m.grads_of<1>();

  std::printf("Batch of N = %lld; W (Dense, no bias) = [[%.4f, %.4f], [%.4f, %.4f]]; v = (%.2f, %.2f); "
              "epsilon = %g; L = 1/(2N) sum (y - d)^2 = %.10f\n\n",
              static_cast<long long>(n), m.params_of<0>()[0], m.params_of<0>()[1], m.params_of<0>()[2],
              m.params_of<0>()[3], v[0], v[1], BatchNorm::epsilon, L);
  std::printf("%4s %22s %22s %22s\n", "", "ctnn backward", "closed form", "finite difference");
  for (int j = 0; j < 2; ++j) {
    double mean = 0, var = 0;
    for (count_t i = 0; i < n; ++i) mean += z[j * s + i] / static_cast<double>(n);
    for (count_t i = 0; i < n; ++i) var += (z[j * s + i] - mean) * (z[j * s + i] - mean) / static_cast<double>(n);
    double dgamma = 0, dbeta = 0;
    for (count_t i = 0; i < n; ++i) {
      const double xhat = (z[j * s + i] - mean) / std::sqrt(var + BatchNorm::epsilon);
      const double g = (y[j * s + i] - targets[static_cast<std::size_t>(j * s + i)]) * v[static_cast<std::size_t>(j)] *
                       h[j * s + i] * (1 - h[j * s + i]) / static_cast<double>(n);
      dgamma += g * xhat;
      dbeta += g;
    }
    auto difference = [&](double& p) {
      const double saved = p, step = 1e-6;
      p = saved + step;
      m.forward(n, true);
      const double up = loss(m, n, t);
      p = saved - step;
      m.forward(n, true);
      const double down = loss(m, n, t);
      p = saved;
      return (up - down) / (2 * step);
    };
    std::printf("dL/dgamma_%d %+22.12e %+22.12e %+22.12e\n", j + 1, grads[static_cast<std::size_t>(j)], dgamma,
                difference(bn[static_cast<std::size_t>(j)]));
    std::printf("dL/dbeta_%d  %+22.12e %+22.12e %+22.12e\n", j + 1, grads[static_cast<std::size_t>(2 + j)], dbeta,
                difference(bn[static_cast<std::size_t>(2 + j)]));
  }
  std::printf("\nUpdate with eta = %g: gamma <- gamma - eta dL/dgamma, beta <- beta - eta dL/dbeta\n", eta);
  for (int j = 0; j < 2; ++j)
    std::printf("  gamma_%d: %.6f -> %.12f   beta_%d: %.6f -> %.12f\n", j + 1, bn[static_cast<std::size_t>(j)],
                bn[static_cast<std::size_t>(j)] - eta * grads[static_cast<std::size_t>(j)], j + 1,
                bn[static_cast<std::size_t>(2 + j)], bn[static_cast<std::size_t>(2 + j)] - eta * grads[static_cast<std::size_t>(2 + j)]);
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
