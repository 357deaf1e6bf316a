// Test that the header is self-contained.
#include "trust/encoding/base64.hpp"

#include <catch2/catch.hpp>

using ncpeh::trust::encoding::base64_decode;
using ncpeh::trust::encoding::base64_encode;

TEST_CASE("base64 encodes RFC 4648 test vectors") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_encode(std::string("\0\xff\xfe", 3)) == "AP/+");
    CHECK(base64_encode(std::string("\xff\x00\x80", 3)) == "/wCA");
}

TEST_CASE("base64 decodes with line breaks and rejects garbage") {
    CHECK(base64_decode("Zm9v\r\nYmFy") == std::optional<std::string>("foobar"));
    CHECK(base64_decode(" Zg== \n") == std::optional<std::string>("f"));
    CHECK(base64_decode("Zm8=") == std::optional<std::string>("fo"));
    CHECK_FALSE(base64_decode("Zm9").has_value());
    CHECK_FALSE(base64_decode("Zm9v!").has_value());
    CHECK_FALSE(base64_decode("Zg==Zg==").has_value());
    CHECK_FALSE(base64_decode("Z===").has_value());
    for (const std::string sample : {"", "a", "ab", "abc", "abcd", "\x01\x02\x03\xff"}) {
        CHECK(base64_decode(base64_encode(sample)) == std::optional<std::string>(sample));
    }
}
