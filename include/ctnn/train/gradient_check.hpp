#pragma once
// Central finite differences against backprop, in double precision, for any
// network: every trainable parameter (or a random sample per layer) and every
// input of the batch.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "train_step.hpp"

namespace ctnn {

struct GradientCheckOptions {
  double h = 1e-6;                    // step of the central difference
  count_t max_params_per_layer = 0;   // 0: every parameter; else a random sample of this many
  bool check_inputs = true;
  bool training = true;               // BatchNorm uses batch statistics
  std::uint64_t seed = 1;             // for the sample of parameters
  // Errors are relative to max(|a|, |n|, floor): a gradient below the floor is
  // compared absolutely, since the difference quotient's rounding error
  // (~1e-16 |L| / h, about 1e-10 here) swamps gradients of that size.
  double floor = 1e-4;
};

struct GradientCheckResult {
  double max_param_error = 0;  // max relative error over the checked parameters
  double max_input_error = 0;  // and over the inputs
  count_t params_checked = 0, inputs_checked = 0;
  std::string worst;           // where the largest error was
  double max_error() const { return std::max(max_param_error, max_input_error); }
};

template <class Net, class Loss>
GradientCheckResult gradient_check(Model<Net, double>& m, count_t n, const Loss& loss,
                                   const Targets<double>& targets, const GradientCheckOptions& o = {}) {
  GradientCheckResult r;
  compute_gradients(m, n, loss, targets, o.check_inputs);
  const std::vector<double> grads(m.grads().begin(), m.grads().end());
  std::vector<double> input_grads;
  if (o.check_inputs) input_grads.assign(m.input_gradient(), m.input_gradient() + Net::input_shape.size() * m.stride());

  auto loss_at = [&] {
    m.forward(n, o.training);
    return loss(m, n, targets);
  };
  auto difference = [&](double& x) {
    const double saved = x;
    x = saved + o.h;
    const double up = loss_at();
    x = saved - o.h;
    const double down = loss_at();
    x = saved;
    return (up - down) / (2 * o.h);
  };
  auto compare = [&](double analytic, double numeric, double& worst, const std::string& where) {
    const double scale = std::max({std::abs(analytic), std::abs(numeric), o.floor});
    const double err = std::abs(analytic - numeric) / scale;
    if (err > worst) worst = err;
    if (err >= r.max_error()) {
      std::ostringstream os;
      os << where << ": backprop " << analytic << ", finite difference " << numeric;
      r.worst = os.str();
    }
  };

  Rng rng(o.seed);
  Net::for_each_layer([&](auto t) {
    using L = typename decltype(t)::type;
    const count_t count = L::trainable_params;
    std::vector<count_t> picks(static_cast<std::size_t>(count));
    for (count_t i = 0; i < count; ++i) picks[static_cast<std::size_t>(i)] = i;
    if (o.max_params_per_layer > 0 && count > o.max_params_per_layer) {
      shuffle(std::span(picks), rng);
      picks.resize(static_cast<std::size_t>(o.max_params_per_layer));
    }
    for (count_t i : picks) {
      const double numeric = difference(m.params()[static_cast<std::size_t>(L::param_offset + i)]);
      compare(grads[static_cast<std::size_t>(L::param_offset + i)], numeric, r.max_param_error,
              "layer " + std::to_string(L::index) + " (" + std::string(L::name) + ") param " + std::to_string(i));
      ++r.params_checked;
    }
  });
  if (o.check_inputs) {
    for (count_t f = 0; f < Net::input_shape.size(); ++f)
      for (count_t b = 0; b < n; ++b) {
        const auto at = static_cast<std::size_t>(f * m.stride() + b);
        compare(input_grads[at], difference(m.input()[at]), r.max_input_error,
                "input " + std::to_string(f) + " of sample " + std::to_string(b));
        ++r.inputs_checked;
      }
  }
  return r;
}

}  // namespace ctnn
