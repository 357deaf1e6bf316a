// Test that the header is self-contained.
#include "trust/encoding/oid.hpp"

#include <catch2/catch.hpp>

using ncpeh::trust::encoding::is_oid;

TEST_CASE("is_oid accepts dotted decimal arcs") {
    CHECK(is_oid("1.2.752.129.2.1.3.1"));
    CHECK(is_oid("2.16"));
    CHECK(is_oid("0.0"));
    CHECK(is_oid("2.16.840.1.113883.2.9.6.2.7"));
    CHECK(is_oid("1.0.3"));
}

TEST_CASE("is_oid refuses anything else") {
    for (const char* bad : {"", "2", "1.", ".1", "1..2", "1.2.", "...", "urn:oid:1.2", "3.1",
                            "12.1", "1.02", "1.2.03", "1.2a", "1 .2", "1.2 ", "-1.2"}) {
        INFO(bad);
        CHECK_FALSE(is_oid(bad));
    }
}
