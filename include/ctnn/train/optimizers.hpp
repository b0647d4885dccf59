#pragma once
// Optimizers over the model's flat parameter buffer, with Keras's update rules.
#include <cmath>
#include <span>
#include <type_traits>
#include <vector>

#include "../shape.hpp"

namespace ctnn {

// p -= lr * g, or with momentum (Keras): v = momentum v - lr g; p += v.
struct SGD {
  double learning_rate;
  double momentum;

  explicit SGD(double learning_rate = 0.01, double momentum = 0.0)
      : learning_rate(learning_rate), momentum(momentum) {}

  template <class T>
  constexpr void step(std::span<T> params, std::span<const T> grads) {
    if (momentum == 0.0) {
      for (std::size_t i = 0; i < params.size(); ++i) params[i] -= T(learning_rate) * grads[i];
      return;
    }
    if (velocity_.size() != params.size()) velocity_.assign(params.size(), 0.0);
    for (std::size_t i = 0; i < params.size(); ++i) {
      velocity_[i] = momentum * velocity_[i] - learning_rate * grads[i];
      params[i] += T(velocity_[i]);
    }
  }

private:
  std::vector<double> velocity_;
};

// Adam as Keras implements it (Kingma and Ba, with the bias corrections folded
// into the step size and epsilon added to sqrt(v), not to its corrected value):
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + epsilon)
struct Adam {
  double learning_rate;
  double beta_1;
  double beta_2;
  double epsilon;

  explicit Adam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7)
      : learning_rate(learning_rate), beta_1(beta_1), beta_2(beta_2), epsilon(epsilon) {}

  template <class T>
  void step(std::span<T> params, std::span<const T> grads) {
    auto& [m, v] = moments<T>();
    if (m.size() != params.size()) {
      m.assign(params.size(), T(0));
      v.assign(params.size(), T(0));
      t_ = 0;
    }
    ++t_;
    const double alpha = learning_rate * std::sqrt(1.0 - std::pow(beta_2, t_)) / (1.0 - std::pow(beta_1, t_));
    const T a = T(alpha), b1 = T(beta_1), b2 = T(beta_2), eps = T(epsilon);
    // A plain loop: the compiler vectorizes it, and it is bound by memory.
    for (std::size_t i = 0; i < params.size(); ++i) {
      const T g = grads[i];
      m[i] = b1 * m[i] + (T(1) - b1) * g;
      v[i] = b2 * v[i] + (T(1) - b2) * g * g;
      params[i] -= a * m[i] / (std::sqrt(v[i]) + eps);
    }
  }

  long iterations() const { return t_; }

private:
  // The moments in the parameters' own precision, as Keras keeps them.
  template <class T>
  auto& moments() {
    if constexpr (std::is_same_v<T, float>) return moments_f_;
    else return moments_d_;
  }

  struct Moments32 { std::vector<float> m, v; } moments_f_;
  struct Moments64 { std::vector<double> m, v; } moments_d_;
  long t_ = 0;
};

}  // namespace ctnn
