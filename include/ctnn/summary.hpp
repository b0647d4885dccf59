#pragma once
// A Keras-style model.summary() with LeCun's connections beside the params.
#include <iostream>
#include <string>
#include <vector>

#include "net.hpp"

namespace ctnn {

struct SummaryRow {
  std::string name;  // the layer's kind, or a name the caller gives ("C1")
  std::string kind;
  Shape output_shape;
  Counts counts;
};

struct SummaryOptions {
  std::string title;               // printed above the table when not empty
  std::vector<std::string> names;  // optional per-layer names, in order
  // The sheet's convention: trainable weights and connections without biases.
  bool without_bias = false;
};

void print_summary(std::ostream& os, Shape input, const std::vector<SummaryRow>& rows,
                   const SummaryOptions& options = {});

template <class Net>
std::vector<SummaryRow> summary_rows() {
  std::vector<SummaryRow> rows;
  Net::for_each_layer([&](auto t) {
    using L = typename decltype(t)::type;
    rows.push_back({std::string(L::name), std::string(L::name), L::output_shape, L::counts});
  });
  return rows;
}

template <class Net>
void summary(std::ostream& os = std::cout, const SummaryOptions& options = {}) {
  print_summary(os, Net::input_shape, summary_rows<Net>(), options);
}

}  // namespace ctnn
