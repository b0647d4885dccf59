#pragma once
// Mean and standard deviation of repeated runs' figures. The deviation is the
// population one (numpy's np.std), as the course's Keras code would report it.
#include <cmath>
#include <span>

namespace ctnn {

struct MeanStd {
  double mean = 0, std = 0;
};

inline MeanStd mean_std(std::span<const double> xs) {
  MeanStd s;
  if (xs.empty()) return s;
  for (double x : xs) s.mean += x;
  s.mean /= static_cast<double>(xs.size());
  for (double x : xs) s.std += (x - s.mean) * (x - s.mean);
  s.std = std::sqrt(s.std / static_cast<double>(xs.size()));
  return s;
}

}  // namespace ctnn
