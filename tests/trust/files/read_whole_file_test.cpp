// Test that the header is self-contained.
#include "trust/files/read_whole_file.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"

using ncpeh::errc;
using ncpeh::trust::files::read_whole_file;

TEST_CASE("read_whole_file returns every byte unchanged") {
    const ncpeh::testing::temp_dir dir;
    const std::string bytes("line\r\n\0\xff end", 12);
    const auto read = read_whole_file(dir.write("small.bin", bytes));
    REQUIRE(read.has_value());
    CHECK(*read == bytes);

    CHECK(read_whole_file(dir.write("empty.txt", "")).value().empty());

    // Larger than one read of the implementation, and not a multiple of it.
    std::string large(200'003, 'x');
    large[65'536] = 'y';
    large.back() = 'z';
    CHECK(read_whole_file(dir.write("large.txt", large)).value() == large);
}

TEST_CASE("read_whole_file names the path and the reason when it cannot read") {
    const ncpeh::testing::temp_dir dir;
    const auto missing = dir.path() / "missing.pem";
    const auto result = read_whole_file(missing);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == errc::invalid_argument);
    CHECK(result.error().message ==
          "cannot read " + missing.string() + ": No such file or directory");
    CHECK(result.error().context_value("file") == missing.string());

    const auto directory = read_whole_file(dir.path());
    REQUIRE_FALSE(directory.has_value());
    CHECK(directory.error().message == "cannot read " + dir.path().string() + ": Is a directory");
}

TEST_CASE("read_whole_file refuses a file larger than its limit") {
    const ncpeh::testing::temp_dir dir;
    const auto file = dir.write("four.txt", "1234");
    CHECK(read_whole_file(file, 4).value() == "1234");
    const auto refused = read_whole_file(file, 3);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::invalid_argument);
    CHECK(refused.error().message == file.string() + " is larger than 3 bytes");
}
