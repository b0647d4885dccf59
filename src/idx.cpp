#include <ctnn/data/idx.hpp>

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

namespace ctnn::data {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& file, const std::string& problem) {
    throw data_error(file.string() + ": " + problem);
}

std::string hex(std::uint32_t value, int digits) {
    std::array<char, 16> text{};
    std::snprintf(text.data(), text.size(), "0x%0*x", digits, static_cast<unsigned>(value));
    return text.data();
}

// The bytes of a file, inflated on the way when it starts with the gzip
// magic: MNIST mirrors serve both forms, and names are not to be trusted.
class Source {
public:
    explicit Source(const fs::path& file) : file_(file) {
        std::error_code ec;
        const auto status = fs::status(file, ec);
        if (!fs::exists(status)) fail(file, "file not found");
        if (fs::is_directory(status)) fail(file, "is a directory, not an IDX file");
        in_.open(file, std::ios::binary);
        if (!in_) fail(file, std::string("cannot open file: ") + std::strerror(errno));
        refill();
        gzip_ = avail_ >= 2 && buffer_[0] == 0x1f && buffer_[1] == 0x8b;
        if (gzip_) {
            // 16 + MAX_WBITS: expect a gzip wrapper, so its CRC and length are checked.
            if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) fail(file, "zlib could not start inflating");
            z_started_ = true;
        }
    }
    ~Source() {
        if (z_started_) inflateEnd(&z_);
    }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    // "the file" or "the decompressed data", for size messages.
    const char* what() const { return gzip_ ? "the decompressed data" : "the file"; }

    // Fills up to n bytes; returns fewer only at the end of the data.
    std::size_t read(std::uint8_t* out, std::size_t n) { return gzip_ ? inflate_to(out, n) : copy_to(out, n); }

private:
    void refill() {
        in_.read(reinterpret_cast<char*>(buffer_.data()), static_cast<std::streamsize>(buffer_.size()));
        if (in_.bad()) fail(file_, "read error");
        pos_ = 0;
        avail_ = static_cast<std::size_t>(in_.gcount());
    }

    std::size_t copy_to(std::uint8_t* out, std::size_t n) {
        std::size_t done = 0;
        while (done < n) {
            if (pos_ == avail_) {
                refill();
                if (avail_ == 0) break;
            }
            const std::size_t k = std::min(n - done, avail_ - pos_);
            std::memcpy(out + done, buffer_.data() + pos_, k);
            pos_ += k;
            done += k;
        }
        return done;
    }

    std::size_t inflate_to(std::uint8_t* out, std::size_t n) {
        std::size_t done = 0;
        while (done < n && !ended_) {
            if (pos_ == avail_) {
                refill();
                if (avail_ == 0) {
                    if (!member_done_)
                        fail(file_, "truncated gzip data: the file ends before the compressed stream does");
                    ended_ = true;
                    break;
                }
            }
            if (member_done_) {
                // gzip allows members back to back; anything else after one is damage.
                if (buffer_[pos_] != 0x1f) fail(file_, "corrupt gzip data: trailing bytes after the compressed stream");
                inflateReset(&z_);
                member_done_ = false;
            }
            z_.next_in = buffer_.data() + pos_;
            z_.avail_in = static_cast<uInt>(avail_ - pos_);
            z_.next_out = out + done;
            z_.avail_out = static_cast<uInt>(std::min<std::size_t>(n - done, UINT_MAX));
            const int rc = inflate(&z_, Z_NO_FLUSH);
            pos_ = avail_ - z_.avail_in;
            done = static_cast<std::size_t>(z_.next_out - out);
            if (rc == Z_STREAM_END)
                member_done_ = true;
            else if (rc != Z_OK)
                fail(file_, std::string("corrupt gzip data (zlib: ") + (z_.msg ? z_.msg : zError(rc)) + ")");
        }
        return done;
    }

    fs::path file_;
    std::ifstream in_;
    std::array<std::uint8_t, 1 << 16> buffer_{};
    std::size_t pos_ = 0, avail_ = 0;
    bool gzip_ = false, z_started_ = false, member_done_ = false, ended_ = false;
    z_stream z_{};
};

struct Header {
    std::vector<std::size_t> dims;
    std::size_t header_bytes = 0, data_bytes = 0;
};

// Checks the magic number 0x000008<ndims> and reads the dimensions.
Header read_header(Source& src, const fs::path& file, unsigned ndims, const char* kind) {
    const std::uint32_t expected = 0x0800u | ndims;
    Header h;
    h.header_bytes = 4 + 4 * std::size_t{ndims};
    std::vector<std::uint8_t> bytes(h.header_bytes);
    const std::size_t got = src.read(bytes.data(), 4);
    if (got < 4)
        fail(file, "truncated header: an IDX file starts with a 4-byte magic number, " + std::string(src.what()) +
                       " has only " + std::to_string(got) + " bytes");
    const std::uint32_t magic = std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 |
                                std::uint32_t{bytes[2]} << 8 | bytes[3];
    const auto found = "magic number: expected " + hex(expected, 8) + " (" + kind + "), found " + hex(magic, 8);
    if (bytes[0] != 0 || bytes[1] != 0) fail(file, "not an IDX file, bad " + found);
    if (bytes[2] != 0x08)
        fail(file, "element type " + hex(bytes[2], 2) + " is not uint8 (0x08); " + found);
    if (bytes[3] != ndims)
        fail(file, "wrong number of dimensions: " + std::to_string(bytes[3]) + ", expected " +
                       std::to_string(ndims) + "; " + found);
    const std::size_t dims_got = src.read(bytes.data() + 4, h.header_bytes - 4);
    if (dims_got < h.header_bytes - 4)
        fail(file, "truncated header: expected " + std::to_string(h.header_bytes) + " bytes, " + src.what() +
                       " has only " + std::to_string(4 + dims_got));
    h.data_bytes = 1;
    for (unsigned d = 0; d < ndims; ++d) {
        const std::uint8_t* p = bytes.data() + 4 + 4 * d;
        const std::size_t dim = std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
        h.dims.push_back(dim);
        if (__builtin_mul_overflow(h.data_bytes, dim, &h.data_bytes))
            fail(file, "header dimensions are too large to address");
    }
    return h;
}

// Reads exactly the bytes the header announces and checks nothing follows.
std::vector<std::uint8_t> read_data(Source& src, const fs::path& file, const Header& h, const std::string& described) {
    const auto mismatch = [&](std::size_t actual, const char* how) {
        fail(file, "size does not match the header (" + std::string(how) + "): " + described + " need " +
                       std::to_string(h.header_bytes + h.data_bytes) + " bytes (" + std::to_string(h.header_bytes) +
                       "-byte header + " + std::to_string(h.data_bytes) + " bytes of data), but " + src.what() +
                       " has " + std::to_string(actual) + " bytes");
    };
    std::vector<std::uint8_t> data;
    // Grow with the bytes actually present, so a damaged header cannot make
    // us allocate gigabytes before the shortfall is noticed.
    data.reserve(std::min<std::size_t>(h.data_bytes, std::size_t{1} << 28));
    constexpr std::size_t chunk = std::size_t{1} << 20;
    while (data.size() < h.data_bytes) {
        const std::size_t old = data.size();
        const std::size_t want = std::min(chunk, h.data_bytes - old);
        data.resize(old + want);
        const std::size_t got = src.read(data.data() + old, want);
        if (got < want) mismatch(h.header_bytes + old + got, "too short");
    }
    std::vector<std::uint8_t> scratch(1 << 16);
    std::size_t extra = 0;
    while (const std::size_t got = src.read(scratch.data(), scratch.size())) extra += got;
    if (extra != 0) mismatch(h.header_bytes + h.data_bytes + extra, "trailing bytes");
    return data;
}

// The first of the usual MNIST spellings that exists in dir.
fs::path find_mnist_file(const fs::path& dir, const std::string& stem, const std::string& idx) {
    const std::array<std::string, 4> names{stem + "-" + idx, stem + "." + idx, stem + "-" + idx + ".gz",
                                           stem + "." + idx + ".gz"};
    std::error_code ec;
    for (const auto& name : names)
        if (fs::exists(dir / name, ec)) return dir / name;
    std::string tried;
    for (const auto& name : names) tried += (tried.empty() ? "" : ", ") + name;
    throw data_error("MNIST file missing in directory " + dir.string() + ": looked for " + tried +
                     "; run scripts/fetch_mnist.sh to download MNIST");
}

void check_split(const fs::path& image_file, const Images& images, const fs::path& label_file,
                 const std::vector<std::uint8_t>& labels) {
    if (images.rows != 28 || images.cols != 28)
        fail(image_file, "images are " + std::to_string(images.rows) + "x" + std::to_string(images.cols) +
                             ", MNIST images are 28x28");
    if (images.count == 0) fail(image_file, "contains no images");
    if (labels.size() != images.count)
        throw data_error("image and label counts differ: " + image_file.string() + " has " +
                         std::to_string(images.count) + " images but " + label_file.string() + " has " +
                         std::to_string(labels.size()) + " labels");
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] > 9)
            fail(label_file, "label at index " + std::to_string(i) + " has value " + std::to_string(labels[i]) +
                                 ", MNIST labels are 0..9");
}

}  // namespace

Images read_idx_images(const std::filesystem::path& file) {
    Source src(file);
    const Header h = read_header(src, file, 3, "idx3 of uint8: images");
    Images images{h.dims[0], h.dims[1], h.dims[2], {}};
    images.pixels = read_data(src, file, h,
                              std::to_string(images.count) + " images of " + std::to_string(images.rows) + "x" +
                                  std::to_string(images.cols));
    return images;
}

std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file) {
    Source src(file);
    const Header h = read_header(src, file, 1, "idx1 of uint8: labels");
    return read_data(src, file, h, std::to_string(h.dims[0]) + " labels");
}

Mnist load_mnist(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw data_error("MNIST directory " + dir.string() + " does not exist; run scripts/fetch_mnist.sh to download MNIST");
    const auto train_images = find_mnist_file(dir, "train-images", "idx3-ubyte");
    const auto train_labels = find_mnist_file(dir, "train-labels", "idx1-ubyte");
    const auto test_images = find_mnist_file(dir, "t10k-images", "idx3-ubyte");
    const auto test_labels = find_mnist_file(dir, "t10k-labels", "idx1-ubyte");
    Mnist m{read_idx_images(train_images), read_idx_images(test_images), read_idx_labels(train_labels),
            read_idx_labels(test_labels)};
    check_split(train_images, m.train_images, train_labels, m.train_labels);
    check_split(test_images, m.test_images, test_labels, m.test_labels);
    return m;
}

}  // namespace ctnn::data
