#include <ctnn/data/idx.hpp>

#include <doctest/doctest.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
using ctnn::data::data_error;
using Bytes = std::vector<std::uint8_t>;

namespace {

// A fresh directory per test, removed afterwards, so tests run in parallel.
struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> counter{0};
        path = fs::temp_directory_path() /
               ("ctnn_test_idx_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path operator/(const std::string& name) const { return path / name; }
};

void put_u32(Bytes& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

Bytes idx(std::uint32_t magic, std::initializer_list<std::uint32_t> dims, const Bytes& data) {
    Bytes out;
    put_u32(out, magic);
    for (auto d : dims) put_u32(out, d);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

Bytes iota_bytes(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return b;
}

Bytes images_file(std::uint32_t count, std::uint32_t rows, std::uint32_t cols) {
    return idx(0x00000803, {count, rows, cols}, iota_bytes(std::size_t{count} * rows * cols));
}

Bytes labels_file(const Bytes& labels) { return idx(0x00000801, {static_cast<std::uint32_t>(labels.size())}, labels); }

void write_raw(const fs::path& file, const Bytes& bytes) {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

void write_gz(const fs::path& file, const Bytes& bytes) {
    gzFile gz = gzopen(file.c_str(), "wb");
    REQUIRE(gz != nullptr);
    if (!bytes.empty()) REQUIRE(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) > 0);
    REQUIRE(gzclose(gz) == Z_OK);
}

Bytes slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

// Runs f, which must throw data_error, and returns the message.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const data_error& e) {
        return e.what();
    }
    FAIL("expected ctnn::data::data_error");
    return {};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("idx images and labels round-trip, raw and gzip") {
    TempDir dir;
    const Bytes images = images_file(3, 4, 5);
    const Bytes labels = labels_file({0, 9, 255});
    for (bool gz : {false, true}) {
        CAPTURE(gz);
        // Names say nothing: the gzip files have no .gz and vice versa would work too.
        const auto img = dir / (gz ? "img_gz" : "img_raw"), lbl = dir / (gz ? "lbl_gz" : "lbl_raw");
        (gz ? write_gz : write_raw)(img, images);
        (gz ? write_gz : write_raw)(lbl, labels);
        const auto got = ctnn::data::read_idx_images(img);
        CHECK(got.count == 3);
        CHECK(got.rows == 4);
        CHECK(got.cols == 5);
        CHECK(got.pixels == iota_bytes(60));
        CHECK(ctnn::data::read_idx_labels(lbl) == Bytes{0, 9, 255});
    }
}

TEST_CASE("idx reads an empty set and a multi-member gzip") {
    TempDir dir;
    write_raw(dir / "empty", labels_file({}));
    CHECK(ctnn::data::read_idx_labels(dir / "empty").empty());

    const Bytes whole = labels_file({1, 2, 3, 4});
    write_gz(dir / "a.gz", Bytes(whole.begin(), whole.begin() + 7));
    write_gz(dir / "b.gz", Bytes(whole.begin() + 7, whole.end()));
    Bytes joined = slurp(dir / "a.gz");
    const Bytes second = slurp(dir / "b.gz");
    joined.insert(joined.end(), second.begin(), second.end());
    write_raw(dir / "joined", joined);
    CHECK(ctnn::data::read_idx_labels(dir / "joined") == Bytes{1, 2, 3, 4});
}

TEST_CASE("idx: missing or unreadable file") {
    TempDir dir;
    const auto missing = dir / "nope-idx3-ubyte";
    const auto msg = error_of([&] { ctnn::data::read_idx_images(missing); });
    CHECK(has(msg, missing.string()));
    CHECK(has(msg, "not found"));
    const auto dmsg = error_of([&] { ctnn::data::read_idx_labels(dir.path); });
    CHECK(has(dmsg, dir.path.string()));
    CHECK(has(dmsg, "is a directory"));
}

TEST_CASE("idx: truncated and corrupt gzip") {
    TempDir dir;
    write_gz(dir / "good", images_file(2, 28, 28));
    const Bytes gz = slurp(dir / "good");

    for (std::size_t cut : {std::size_t{4}, gz.size() / 2, gz.size() - 10}) {
        CAPTURE(cut);
        write_raw(dir / "short", Bytes(gz.begin(), gz.end() - static_cast<std::ptrdiff_t>(cut)));
        const auto msg = error_of([&] { ctnn::data::read_idx_images(dir / "short"); });
        CHECK(has(msg, (dir / "short").string()));
        CHECK(has(msg, "truncated gzip"));
    }

    Bytes bad_crc = gz;
    bad_crc[bad_crc.size() - 6] ^= 0xff;  // inside the CRC-32 of the trailer
    write_raw(dir / "crc", bad_crc);
    const auto crc_msg = error_of([&] { ctnn::data::read_idx_images(dir / "crc"); });
    CHECK(has(crc_msg, (dir / "crc").string()));
    CHECK(has(crc_msg, "corrupt gzip"));

    Bytes bad_header = gz;
    bad_header[2] = 0x07;  // compression method other than deflate
    write_raw(dir / "method", bad_header);
    CHECK(has(error_of([&] { ctnn::data::read_idx_images(dir / "method"); }), "corrupt gzip"));

    Bytes trailing = gz;
    trailing.push_back('x');
    write_raw(dir / "trailing", trailing);
    CHECK(has(error_of([&] { ctnn::data::read_idx_images(dir / "trailing"); }), "trailing bytes"));
}

TEST_CASE("idx: bad magic, element type, dimensions") {
    TempDir dir;
    const auto file = dir / "f";

    write_raw(file, idx(0x12345678, {1, 1, 1}, {0}));
    auto msg = error_of([&] { ctnn::data::read_idx_images(file); });
    CHECK(has(msg, file.string()));
    CHECK(has(msg, "bad magic number"));
    CHECK(has(msg, "expected 0x00000803"));
    CHECK(has(msg, "0x12345678"));
    msg = error_of([&] { ctnn::data::read_idx_labels(file); });
    CHECK(has(msg, "expected 0x00000801"));

    write_raw(file, idx(0x00000d03, {1, 1, 1}, {0, 0, 0, 0}));
    msg = error_of([&] { ctnn::data::read_idx_images(file); });
    CHECK(has(msg, file.string()));
    CHECK(has(msg, "element type 0x0d is not uint8"));

    write_raw(file, labels_file({1, 2}));
    msg = error_of([&] { ctnn::data::read_idx_images(file); });
    CHECK(has(msg, file.string()));
    CHECK(has(msg, "wrong number of dimensions: 1, expected 3"));
    CHECK(has(msg, "found 0x00000801"));

    write_raw(file, Bytes{0, 0});
    CHECK(has(error_of([&] { ctnn::data::read_idx_labels(file); }), "truncated header"));
    write_raw(file, Bytes{0, 0, 8, 3, 0, 0, 0, 1});
    CHECK(has(error_of([&] { ctnn::data::read_idx_images(file); }), "truncated header: expected 16 bytes"));
}

TEST_CASE("idx: file size must match the header") {
    TempDir dir;
    const auto file = dir / "f";
    Bytes images = images_file(3, 4, 5);  // 16 + 60 bytes

    for (bool gz : {false, true}) {
        CAPTURE(gz);
        Bytes shorter(images.begin(), images.end() - 1);
        (gz ? write_gz : write_raw)(file, shorter);
        auto msg = error_of([&] { ctnn::data::read_idx_images(file); });
        CHECK(has(msg, file.string()));
        CHECK(has(msg, "too short"));
        CHECK(has(msg, "need 76 bytes"));
        CHECK(has(msg, "has 75 bytes"));

        Bytes longer = images;
        longer.insert(longer.end(), {1, 2, 3});
        (gz ? write_gz : write_raw)(file, longer);
        msg = error_of([&] { ctnn::data::read_idx_images(file); });
        CHECK(has(msg, "trailing bytes"));
        CHECK(has(msg, "need 76 bytes"));
        CHECK(has(msg, "has 79 bytes"));
    }

    // A header claiming absurd sizes fails on the shortfall, not on memory.
    write_raw(file, idx(0x00000803, {0xffffffffu, 0xffffffffu, 0xffffffffu}, {}));
    CHECK(has(error_of([&] { ctnn::data::read_idx_images(file); }), "too large"));
    write_raw(file, idx(0x00000803, {0x7fffffffu, 1000, 1000}, {1, 2}));
    CHECK(has(error_of([&] { ctnn::data::read_idx_images(file); }), "too short"));
}

namespace {

void write_mnist(const TempDir& dir, const Bytes& train_labels, std::uint32_t side = 28) {
    write_raw(dir / "train-images-idx3-ubyte", images_file(static_cast<std::uint32_t>(train_labels.size()), side, side));
    write_raw(dir / "train-labels-idx1-ubyte", labels_file(train_labels));
    write_gz(dir / "t10k-images.idx3-ubyte.gz", images_file(2, side, side));
    write_gz(dir / "t10k-labels.idx1-ubyte.gz", labels_file({7, 2}));
}

}  // namespace

TEST_CASE("load_mnist finds the usual names, raw or gzip") {
    TempDir dir;
    write_mnist(dir, {5, 0, 4});
    const auto m = ctnn::data::load_mnist(dir.path);
    CHECK(m.train_images.count == 3);
    CHECK(m.train_labels == Bytes{5, 0, 4});
    CHECK(m.test_images.count == 2);
    CHECK(m.test_images.pixels == iota_bytes(2 * 28 * 28));
    CHECK(m.test_labels == Bytes{7, 2});
}

TEST_CASE("load_mnist checks names, labels, counts and image size") {
    TempDir dir;
    auto msg = error_of([&] { ctnn::data::load_mnist(dir / "absent"); });
    CHECK(has(msg, "fetch_mnist.sh"));

    write_mnist(dir, {5, 0, 4});
    fs::remove(dir / "t10k-labels.idx1-ubyte.gz");
    msg = error_of([&] { ctnn::data::load_mnist(dir.path); });
    CHECK(has(msg, dir.path.string()));
    CHECK(has(msg, "t10k-labels-idx1-ubyte, t10k-labels.idx1-ubyte, t10k-labels-idx1-ubyte.gz, "
                   "t10k-labels.idx1-ubyte.gz"));
    CHECK(has(msg, "scripts/fetch_mnist.sh"));

    write_mnist(dir, {5, 12, 4});
    msg = error_of([&] { ctnn::data::load_mnist(dir.path); });
    CHECK(has(msg, (dir / "train-labels-idx1-ubyte").string()));
    CHECK(has(msg, "label at index 1 has value 12"));

    write_mnist(dir, {5, 0, 4});
    write_raw(dir / "train-labels-idx1-ubyte", labels_file({5, 0}));
    msg = error_of([&] { ctnn::data::load_mnist(dir.path); });
    CHECK(has(msg, "counts differ"));
    CHECK(has(msg, "3 images"));
    CHECK(has(msg, "2 labels"));

    write_mnist(dir, {5, 0, 4}, 27);
    msg = error_of([&] { ctnn::data::load_mnist(dir.path); });
    CHECK(has(msg, (dir / "train-images-idx3-ubyte").string()));
    CHECK(has(msg, "27x27"));
    CHECK(has(msg, "28x28"));
}

TEST_CASE("load_mnist on the real MNIST in data/mnist") {
    const fs::path dir = fs::path(CTNN_SOURCE_DIR) / "data" / "mnist";
    ctnn::data::Mnist m;
    try {
        m = ctnn::data::load_mnist(dir);
    } catch (const data_error& e) {
        // Only absence is a reason to skip; a damaged dataset must fail.
        if (std::string(e.what()).find("run scripts/fetch_mnist.sh") == std::string::npos) throw;
        MESSAGE("skipped: real MNIST absent: " << std::string(e.what()));
        return;
    }
    CHECK(m.train_images.count == 60000);
    CHECK(m.test_images.count == 10000);
    CHECK(m.train_images.rows == 28);
    CHECK(m.train_images.cols == 28);
    CHECK(m.test_images.rows == 28);
    CHECK(m.test_images.cols == 28);
    CHECK(m.train_labels.size() == 60000);
    CHECK(m.test_labels.size() == 10000);
    CHECK(m.train_labels.front() == 5);
    CHECK(m.test_labels.front() == 7);
    std::size_t per_digit[10] = {};
    for (auto l : m.train_labels) ++per_digit[l];
    for (int d = 0; d < 10; ++d) CHECK(per_digit[d] > 5000);  // every digit present in bulk
}
