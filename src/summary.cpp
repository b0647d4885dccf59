// Prints the table of ctnn::summary: one row per layer, then the totals, with
// thousands separators as Keras prints them.
#include "ctnn/summary.hpp"

#include <iomanip>
#include <sstream>

namespace ctnn {
namespace {

std::string grouped(count_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string shape_text(const Shape& s) {
  std::ostringstream os;
  os << s;
  return os.str();
}

}  // namespace

void print_summary(std::ostream& os, Shape input, const std::vector<SummaryRow>& rows,
                   const SummaryOptions& options) {
  const char* params_head = options.without_bias ? "Weights" : "Params";
  const char* links_head = options.without_bias ? "Connections (no bias)" : "Connections";
  const int w_name = 26, w_shape = 16, w_num = 14, w_links = 22;
  const std::string rule(w_name + w_shape + w_num + w_links, '=');
  const std::string thin(rule.size(), '-');

  if (!options.title.empty()) os << options.title << '\n';
  os << rule << '\n'
     << std::left << std::setw(w_name) << "Layer (type)" << std::setw(w_shape) << "Output Shape" << std::right
     << std::setw(w_num) << params_head << std::setw(w_links) << links_head << '\n'
     << rule << '\n'
     << std::left << std::setw(w_name) << "input (Input)" << std::setw(w_shape) << shape_text(input) << std::right
     << std::setw(w_num) << 0 << std::setw(w_links) << 0 << '\n';

  Counts total;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const std::string name = i < options.names.size() && !options.names[i].empty()
                                 ? options.names[i] + " (" + r.kind + ")"
                                 : std::to_string(i) + " (" + r.kind + ")";
    const count_t params = options.without_bias ? r.counts.params_without_bias() : r.counts.total_params();
    const count_t links = options.without_bias ? r.counts.connections_without_bias() : r.counts.connections;
    os << thin << '\n'
       << std::left << std::setw(w_name) << name << std::setw(w_shape) << shape_text(r.output_shape) << std::right
       << std::setw(w_num) << grouped(params) << std::setw(w_links) << grouped(links) << '\n';
    total = total + r.counts;
  }
  os << rule << '\n';
  if (options.without_bias) {
    os << "Total weights (no bias): " << grouped(total.params_without_bias()) << '\n'
       << "Total connections (no bias): " << grouped(total.connections_without_bias()) << '\n';
  } else {
    os << "Total params: " << grouped(total.total_params()) << '\n'
       << "Trainable params: " << grouped(total.trainable_params) << '\n'
       << "Non-trainable params: " << grouped(total.non_trainable_params) << '\n'
       << "Connections: " << grouped(total.connections) << '\n';
  }
  os << rule << '\n';
}

}  // namespace ctnn
