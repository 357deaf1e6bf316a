// Test that the header is self-contained.
#include "gateway/net/handshake_admission.hpp"

#include <catch2/catch.hpp>

using ncpeh::gateway::net::handshake_admission;

TEST_CASE("handshakes are admitted up to the per-address limit; other addresses still get in") {
    handshake_admission admission({16, 3});
    for (std::uint64_t id = 1; id <= 3; ++id) {
        const auto verdict = admission.admit(id, "192.0.2.7");
        CHECK(verdict.admitted);
        CHECK_FALSE(verdict.evicted.has_value());
    }
    CHECK_FALSE(admission.admit(4, "192.0.2.7").admitted);
    CHECK(admission.admit(5, "198.51.100.1").admitted);
    CHECK(admission.pending() == 4);
    admission.finish(2);
    CHECK(admission.admit(6, "192.0.2.7").admitted);  // a slot of that address came free
    CHECK(admission.pending() == 4);
}

TEST_CASE("a full pool evicts its oldest handshake for a new connection") {
    handshake_admission admission({3, 3});
    CHECK(admission.admit(10, "192.0.2.1").admitted);
    CHECK(admission.admit(11, "192.0.2.2").admitted);
    CHECK(admission.admit(12, "192.0.2.3").admitted);
    const auto verdict = admission.admit(13, "192.0.2.4");
    CHECK(verdict.admitted);
    REQUIRE(verdict.evicted.has_value());
    CHECK(*verdict.evicted == 10);
    CHECK(admission.pending() == 3);
    // The evicted one no longer counts for its address, and finishing it later changes nothing.
    admission.finish(10);
    CHECK(admission.pending() == 3);
    CHECK(admission.admit(14, "192.0.2.1").evicted == std::optional<std::uint64_t>(11));
}

TEST_CASE("finished handshakes free their slots; unknown ids are ignored") {
    handshake_admission admission({2, 2});
    CHECK(admission.admit(1, "192.0.2.1").admitted);
    CHECK(admission.admit(2, "192.0.2.1").admitted);
    admission.finish(1);
    admission.finish(1);
    admission.finish(99);
    CHECK(admission.pending() == 1);
    const auto verdict = admission.admit(3, "192.0.2.1");
    CHECK(verdict.admitted);
    CHECK_FALSE(verdict.evicted.has_value());
}
