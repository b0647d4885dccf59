#pragma once

// Readers for the IDX format of the MNIST files, raw or gzip-compressed.
// Every problem (missing file, corrupt gzip, bad header, size mismatch)
// throws data_error naming the file, so a short or damaged dataset never
// reaches training unnoticed.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include <ctnn/data/error.hpp>

namespace ctnn::data {

// count x rows x cols, row-major. Pixels stay bytes here; batches scale them
// to [0,1] when they are used, which keeps the training set at 47 MB.
struct Images {
    std::size_t count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;
};

// An idx3 file of uint8 (magic 0x00000803).
Images read_idx_images(const std::filesystem::path& file);

// An idx1 file of uint8 (magic 0x00000801). Any byte value is accepted.
std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file);

struct Mnist {
    Images train_images, test_images;
    std::vector<std::uint8_t> train_labels, test_labels;
};

// Loads the four MNIST files from dir under their usual names (with '-' or
// '.' before "idx", each raw or .gz), and checks 28x28 images, labels 0..9
// and as many labels as images.
Mnist load_mnist(const std::filesystem::path& dir);

}  // namespace ctnn::data
