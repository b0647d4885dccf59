// Sheet problem 1: ctnn's figures against an independent float64 computation
// written here, and the sheet's answer checked by the compiler.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

#include "../examples/backprop_by_hand.hpp"

namespace {

// The sheet's network written out by hand, scalar by scalar.
struct Hand {
  double q[2], z[2], y[2], J, dw[6];
};
Hand by_hand(const std::array<double, 3>& x, const std::array<double, 6>& w) {
  Hand h{};
  const double a1 = w[0] * x[0] + w[1] * x[1], a2 = w[0] * x[1] + w[1] * x[2];
  h.q[0] = std::max(a1, 0.0);
  h.q[1] = std::max(a2, 0.0);
  h.z[0] = w[2] * h.q[0] + w[3] * h.q[1];
  h.z[1] = w[4] * h.q[0] + w[5] * h.q[1];
  const double e1 = std::exp(h.z[0]), e2 = std::exp(h.z[1]);
  h.y[0] = e1 / (e1 + e2);
  h.y[1] = e2 / (e1 + e2);
  h.J = -std::log(h.y[0]);
  const double dz1 = h.y[0] - 1, dz2 = h.y[1];
  h.dw[2] = dz1 * h.q[0];
  h.dw[3] = dz1 * h.q[1];
  h.dw[4] = dz2 * h.q[0];
  h.dw[5] = dz2 * h.q[1];
  const double dq1 = (w[2] * dz1 + w[4] * dz2) * (a1 > 0), dq2 = (w[3] * dz1 + w[5] * dz2) * (a2 > 0);
  h.dw[0] = dq1 * x[0] + dq2 * x[1];
  h.dw[1] = dq1 * x[1] + dq2 * x[2];
  return h;
}

void agree(const sheet1::Result& r, const Hand& h) {
  for (int i = 0; i < 2; ++i) {
    CHECK(std::abs(r.q[i] - h.q[i]) < 1e-9);
    CHECK(std::abs(r.z[i] - h.z[i]) < 1e-9);
    CHECK(std::abs(r.y[i] - h.y[i]) < 1e-9);
  }
  CHECK(std::abs(r.J - h.J) < 1e-9);
  for (int k = 0; k < 6; ++k) {
    INFO("dJ/dw" << k + 1);
    CHECK(std::abs(r.dw[k] - h.dw[k]) < 1e-9);
    CHECK(std::abs(r.delta[k] - r.eta * h.dw[k]) < 1e-9);
  }
}

}  // namespace

// The compiler evaluates the sheet's network: y1 = 0.5 and delta w1 = 0.
constexpr sheet1::Result sheet = sheet1::compute(sheet1::sheet_x, sheet1::sheet_w, sheet1::sheet_eta);
static_assert(sheet.delta[0] == 0.0 && sheet.delta[1] == 0.0);
static_assert(sheet.y[0] - 0.5 < 1e-12 && 0.5 - sheet.y[0] < 1e-12);
static_assert(sheet.q[0] == 1.5 && sheet.q[1] == 0.5);
static_assert(sheet.z[0] == 2.0 && sheet.z[1] == 2.0);

TEST_CASE("sheet problem 1: q = (1.5, 0.5), z = (2, 2), y1 = 0.5, J = ln 2, delta w1 = 0") {
  const auto r = sheet1::compute(sheet1::sheet_x, sheet1::sheet_w, sheet1::sheet_eta);
  agree(r, by_hand(sheet1::sheet_x, sheet1::sheet_w));
  CHECK(std::abs(r.J - std::log(2.0)) < 1e-12);
  CHECK(r.dz[0] == doctest::Approx(-0.5));
  CHECK(r.dz[1] == doctest::Approx(0.5));
  CHECK(r.dw[0] == 0.0);
  CHECK(r.dw[1] == 0.0);
}

TEST_CASE("other numbers agree with the hand computation to 1e-9, ReLU's dead side included") {
  agree(sheet1::compute({0.3, -1.2, 2.0}, {0.7, -0.4, 1.3, -0.8, 0.25, 0.9}, 0.1),
        by_hand({0.3, -1.2, 2.0}, {0.7, -0.4, 1.3, -0.8, 0.25, 0.9}));
  agree(sheet1::compute({1.0, 2.0, 3.0}, {-1.0, 0.5, 0.2, 0.4, -0.6, 1.1}, 0.5),
        by_hand({1.0, 2.0, 3.0}, {-1.0, 0.5, 0.2, 0.4, -0.6, 1.1}));
}

TEST_CASE("the printed report shows the sheet's figures") {
  std::ostringstream os;
  sheet1::print_report(os, sheet);
  const std::string text = os.str();
  CHECK(text.find("q1 = relu(w1 x1 + w2 x2) = relu(1.5) = 1.5") != std::string::npos);
  CHECK(text.find("y1 = 0.5, y2 = 0.5") != std::string::npos);
  CHECK(text.find("J = -ln y1 = 0.69314718056") != std::string::npos);
  CHECK(text.find("dJ/dz = y - onehot = (-0.5, 0.5)") != std::string::npos);
  CHECK(text.find("delta w1 = 0\n") != std::string::npos);
}
