#pragma once
// LeCun's connection tables: which input feature maps each output map reads.
#include "../shape.hpp"

namespace ctnn {

template <count_t Inputs, count_t Outputs>
struct ConnectionTable {
  static constexpr count_t inputs = Inputs;
  static constexpr count_t outputs = Outputs;
  bool reads[Inputs][Outputs]{};  // reads[i][j]: output map j reads input map i

  constexpr bool operator()(count_t i, count_t j) const { return reads[i][j]; }
  // Number of input maps output map j reads.
  constexpr count_t fan_in(count_t j) const {
    count_t n = 0;
    for (count_t i = 0; i < Inputs; ++i) n += reads[i][j];
    return n;
  }
  constexpr count_t links() const {
    count_t n = 0;
    for (count_t j = 0; j < Outputs; ++j) n += fan_in(j);
    return n;
  }
};

// A table written as rows of 'X' (reads) and '.' (does not), one row per input map.
template <count_t Inputs, count_t Outputs>
constexpr ConnectionTable<Inputs, Outputs> make_connection_table(const char* const (&rows)[Inputs]) {
  ConnectionTable<Inputs, Outputs> t{};
  for (count_t i = 0; i < Inputs; ++i)
    for (count_t j = 0; j < Outputs; ++j) t.reads[i][j] = rows[i][j] == 'X';
  return t;
}

// LeNet-5's C3 (LeCun, Bottou, Bengio, Haffner 1998, Table I): maps 0-5 read
// three contiguous S2 maps, 6-11 four contiguous, 12-14 four non-contiguous,
// 15 all six; 60 links in all, so 60 * 25 weights + 16 biases = 1,516 parameters.
inline constexpr auto lenet5_c3_table = make_connection_table<6, 16>({
    "X...XXX..XXXX.XX",
    "XX...XXX..XXXX.X",
    "XXX...XXX..X.XXX",
    ".XXX..XXXX..X.XX",
    "..XXX..XXXX.XX.X",
    "...XXX..XXXX.XXX",
});

}  // namespace ctnn
