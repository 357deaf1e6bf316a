#include "trust/saml/in_memory_replay_cache.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("the replay cache refuses a second use until expiry") {
    ncpeh::trust::saml::in_memory_replay_cache cache(2);
    const auto t0 = std::chrono::system_clock::time_point{} + 1000h;
    CHECK(cache.remember("urn:idp:DK:countryB", "_a", t0 + 10min, t0).has_value());
    const auto again = cache.remember("urn:idp:DK:countryB", "_a", t0 + 10min, t0 + 1min);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == ncpeh::errc::assertion_replayed);
    // Same ID from another issuer is another assertion.
    CHECK(cache.remember("urn:idp:FI:countryB", "_a", t0 + 10min, t0).has_value());
    // After expiry the entry no longer blocks, and purging drops expired entries.
    CHECK(cache.remember("urn:idp:DK:countryB", "_a", t0 + 30min, t0 + 11min).has_value());
    CHECK(cache.remember("urn:idp:DK:countryB", "_b", t0 + 30min, t0 + 20min).has_value());
    CHECK(cache.size() == 3);
    // The next growth step purges: the FI entry (expired at t0 + 10 min) goes.
    CHECK(cache.remember("urn:idp:DK:countryB", "_c", t0 + 30min, t0 + 25min).has_value());
    CHECK(cache.size() == 3);
}

TEST_CASE("the replay cache's memory does not depend on the length of issuer and ID") {
    ncpeh::trust::saml::in_memory_replay_cache cache(1'000'000);
    const auto t0 = std::chrono::system_clock::time_point{} + 1000h;
    const std::string long_issuer(2000, 'i');
    for (int i = 0; i < 1000; ++i) {
        REQUIRE(cache.remember(long_issuer, std::string(500, 'x') + std::to_string(i), t0 + 1h, t0)
                    .has_value());
    }
    CHECK(cache.size() == 1000);
    CHECK(cache.memory_bytes() >= 1000 * 48);
    CHECK(cache.memory_bytes() < 1000 * 80);
    const auto again = cache.remember(long_issuer, std::string(500, 'x') + "7", t0 + 1h, t0);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == ncpeh::errc::assertion_replayed);
}

TEST_CASE("expired entries can be purged without new traffic") {
    ncpeh::trust::saml::in_memory_replay_cache cache(1'000'000);
    const auto t0 = std::chrono::system_clock::time_point{} + 1000h;
    REQUIRE(cache.remember("urn:idp:FI:countryB", "_a", t0 + 10min, t0).has_value());
    REQUIRE(cache.remember("urn:idp:FI:countryB", "_b", t0 + 30min, t0).has_value());
    CHECK(cache.purge_expired(t0 + 5min) == 0);
    CHECK(cache.purge_expired(t0 + 20min) == 1);
    CHECK(cache.size() == 1);
    CHECK_FALSE(cache.remember("urn:idp:FI:countryB", "_b", t0 + 30min, t0 + 21min).has_value());
}
