// The printed report of sheet problem 1, shared by the program and its test.
#include <cstdio>
#include <ostream>

#include "backprop_by_hand.hpp"

namespace sheet1 {

void print_report(std::ostream& os, const Result& r) {
  char line[200];
  auto out = [&](const char* fmt, auto... v) {
    std::snprintf(line, sizeof line, fmt, v...);
    os << line;
  };
  out("Network: x -> Conv1D(kernel 2, no bias) -> ReLU -> Dense(2, no bias) -> softmax; J = -ln y1\n");
  out("x = (%g, %g, %g); w1..w6 = (%g, %g, %g, %g, %g, %g); eta = %g\n\n", r.x[0], r.x[1], r.x[2], r.w[0], r.w[1],
      r.w[2], r.w[3], r.w[4], r.w[5], r.eta);
  out("Forward\n");
  out("  q1 = relu(w1 x1 + w2 x2) = relu(%.12g) = %.12g\n", r.a[0], r.q[0]);
  out("  q2 = relu(w1 x2 + w2 x3) = relu(%.12g) = %.12g\n", r.a[1], r.q[1]);
  out("  z1 = w3 q1 + w4 q2 = %.12g\n", r.z[0]);
  out("  z2 = w5 q1 + w6 q2 = %.12g\n", r.z[1]);
  out("  y1 = %.12g, y2 = %.12g\n", r.y[0], r.y[1]);
  out("  J = -ln y1 = %.12g\n\n", r.J);
  out("Backward\n");
  out("  dJ/dz = y - onehot = (%.12g, %.12g)\n", r.dz[0], r.dz[1]);
  for (int k = 0; k < 6; ++k) out("  dJ/dw%d = %.12g\n", k + 1, r.dw[k]);
  out("\nUpdates (delta w = eta dJ/dw; gradient descent subtracts it)\n");
  for (int k = 0; k < 6; ++k) out("  delta w%d = %.12g\n", k + 1, r.delta[k]);
}

}  // namespace sheet1
