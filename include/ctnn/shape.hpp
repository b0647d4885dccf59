#pragma once
// Shapes of one sample, in Keras's channels-last order: Shape{10} is flat,
// Shape{28, 28, 6} is height, width, channels. The batch is not part of it.
#include <concepts>
#include <cstdint>
#include <ostream>

namespace ctnn {

using count_t = std::int64_t;  // every size and count: VGG-16 has ~15.5e9 connections

struct Shape {
  // Public members keep Shape a structural type, so it can be a template argument.
  count_t dims[3]{};
  int rank = 0;

  constexpr Shape() = default;
  constexpr Shape(std::convertible_to<count_t> auto... d)
    requires(sizeof...(d) >= 1 && sizeof...(d) <= 3)
      : dims{static_cast<count_t>(d)...}, rank{static_cast<int>(sizeof...(d))} {}

  constexpr count_t operator[](int i) const { return dims[i]; }
  constexpr count_t size() const {
    count_t n = rank == 0 ? 0 : 1;
    for (int i = 0; i < rank; ++i) n *= dims[i];
    return n;
  }
  constexpr bool flat() const { return rank == 1; }
  constexpr bool image() const { return rank == 3; }
  // Rank 2 is (steps, channels), as Keras's Conv1D reads it.
  constexpr bool sequence() const { return rank == 2; }
  constexpr count_t channels() const { return rank == 0 ? 0 : dims[rank - 1]; }

  friend constexpr bool operator==(const Shape&, const Shape&) = default;
};

inline std::ostream& operator<<(std::ostream& os, const Shape& s) {
  os << '(';
  for (int i = 0; i < s.rank; ++i) os << (i ? ", " : "") << s.dims[i];
  return os << (s.rank == 1 ? ",)" : ")");
}

}  // namespace ctnn
