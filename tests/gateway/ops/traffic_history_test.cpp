#include "gateway/ops/traffic_history.hpp"

#include <catch2/catch.hpp>

using ncpeh::gateway::ops::traffic_history;
using namespace std::chrono;

namespace {
const system_clock::time_point nine = sys_days(2026y / December / 7) + hours(9);
}

TEST_CASE("the traffic history counts per minute and partner, for 24 hours") {
    traffic_history history;
    history.add("FI", false, nine + seconds(5));
    history.add("FI", true, nine + seconds(50));
    history.add("CZ", false, nine + minutes(1));
    history.add("FI", false, nine - hours(23) - minutes(58));  // the oldest minute kept
    history.add("FI", false, nine - hours(23) - minutes(59));  // a minute too old

    const auto day = history.minutes(nine + minutes(1));
    REQUIRE(day.size() == 3);
    CHECK(day[0].at == floor<minutes>(nine - hours(23) - minutes(58)));
    CHECK(day[1].at == floor<minutes>(nine));
    CHECK(day[1].by_partner.at("FI").all == 2);
    CHECK(day[1].by_partner.at("FI").failed == 1);
    CHECK(day[2].by_partner.at("CZ").all == 1);

    CHECK(history.json(nine + minutes(1)) ==
          R"({"minutes":[{"at":"2026-12-06T09:02Z","partners":{"FI":[1,0]}},)"
          R"({"at":"2026-12-07T09:00Z","partners":{"FI":[2,1]}},)"
          R"({"at":"2026-12-07T09:01Z","partners":{"CZ":[1,0]}}]})");

    // A day later nothing is left, and new minutes drop what fell out.
    CHECK(history.minutes(nine + hours(24) + minutes(2)).empty());
    history.add("FI", false, nine + hours(25));
    CHECK(history.minutes(nine + hours(25)).size() == 1);
}
