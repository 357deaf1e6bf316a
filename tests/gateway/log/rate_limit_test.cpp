// Test that the header is self-contained.
#include "gateway/log/rate_limit.hpp"

#include <catch2/catch.hpp>

using ncpeh::gateway::log::rate_limit;
using namespace std::chrono_literals;

TEST_CASE("a rate limit lets a burst through per window and counts what it held back") {
    rate_limit limit(3, 1s);
    const auto start = std::chrono::steady_clock::time_point(100s);
    CHECK(limit.admit(start) == std::optional<std::int64_t>(0));
    CHECK(limit.admit(start + 1ms) == std::optional<std::int64_t>(0));
    CHECK(limit.admit(start + 2ms) == std::optional<std::int64_t>(0));
    for (int i = 0; i < 5; ++i) {
        CHECK_FALSE(limit.admit(start + 500ms).has_value());
    }
    // The next window: the first line says five were held back, the next ones none.
    CHECK(limit.admit(start + 1s) == std::optional<std::int64_t>(5));
    CHECK(limit.admit(start + 1s + 1ms) == std::optional<std::int64_t>(0));
}
