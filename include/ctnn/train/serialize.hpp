#pragma once
// Saving and loading a model's weights: the flat parameter and state buffers,
// with a header naming the element size and the buffer sizes, so a file from
// another network or precision is refused rather than misread.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "model.hpp"

namespace ctnn {

namespace detail {
inline constexpr char weights_magic[8] = {'C', 'T', 'N', 'N', 'W', 'T', 'S', '1'};
struct WeightsHeader {
  char magic[8];
  std::uint64_t element_size, params, state;
};
}  // namespace detail

template <class Net, class T>
void save_weights(const Model<Net, T>& m, const std::filesystem::path& file) {
  detail::WeightsHeader h{{}, sizeof(T), m.params().size(), m.state().size()};
  std::memcpy(h.magic, detail::weights_magic, sizeof h.magic);
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  out.write(reinterpret_cast<const char*>(m.params().data()), static_cast<std::streamsize>(m.params().size_bytes()));
  out.write(reinterpret_cast<const char*>(m.state().data()), static_cast<std::streamsize>(m.state().size_bytes()));
  if (!out) throw std::runtime_error(file.string() + ": cannot write the weights");
}

template <class Net, class T>
void load_weights(Model<Net, T>& m, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open");
  detail::WeightsHeader h{};
  in.read(reinterpret_cast<char*>(&h), sizeof h);
  if (!in || std::memcmp(h.magic, detail::weights_magic, sizeof h.magic) != 0)
    throw std::runtime_error(file.string() + ": not a ctnn weights file");
  if (h.element_size != sizeof(T) || h.params != m.params().size() || h.state != m.state().size())
    throw std::runtime_error(file.string() + ": holds weights of another network or precision (" +
                             std::to_string(h.params) + " params of " + std::to_string(h.element_size) +
                             " bytes; this model has " + std::to_string(m.params().size()) + " of " +
                             std::to_string(sizeof(T)) + ")");
  in.read(reinterpret_cast<char*>(m.params().data()), static_cast<std::streamsize>(m.params().size_bytes()));
  in.read(reinterpret_cast<char*>(m.state().data()), static_cast<std::streamsize>(m.state().size_bytes()));
  if (!in || in.peek() != std::char_traits<char>::eof())
    throw std::runtime_error(file.string() + ": truncated or with trailing bytes");
}

}  // namespace ctnn
