#include "gateway/ops/readiness.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "gateway/ops/trust_inventory.hpp"

using namespace ncpeh::gateway::ops;
using namespace std::chrono;

namespace {

trust_item item(std::string kind, sys_seconds from, sys_seconds until) {
    return {std::move(kind), "tls_server", {"CN=ncp.se.localhost", from, until}};
}

const sys_seconds may_2026 = sys_days(2026y / May / 1);
const sys_seconds june_2026 = sys_days(2026y / June / 1);

}  // namespace

TEST_CASE("trust material is usable only inside its window") {
    CHECK(why_unusable(item("credential", may_2026, june_2026), may_2026 + days(3)).empty());
    CHECK(why_unusable(item("credential", may_2026, june_2026), may_2026 - seconds(1)) ==
          "not valid before 2026-05-01T00:00:00Z");
    CHECK(why_unusable(item("credential", may_2026, june_2026), june_2026) ==
          "expired 2026-06-01T00:00:00Z");
    CHECK(why_unusable(item("crl", may_2026, june_2026), june_2026 + days(1)) ==
          "its nextUpdate 2026-06-01T00:00:00Z has passed");
}

TEST_CASE("the readiness body lists each check, and is ready only when all pass") {
    const std::vector<readiness_check> passing{{"national_store", true, ""},
                                               {"database", true, ""}};
    CHECK(is_ready(passing));
    CHECK(readiness_json(passing) ==
          R"({"ready":true,"checks":[{"name":"national_store","state":"ok"},)"
          R"({"name":"database","state":"ok"}]})");

    const std::vector<readiness_check> failing{
        {"national_store", false, "unreachable: Connection refused"}, {"database", true, ""}};
    CHECK_FALSE(is_ready(failing));
    const auto body = boost::json::parse(readiness_json(failing)).as_object();
    CHECK(body.at("ready") == false);
    CHECK(body.at("checks").as_array()[0].at("state") == "failing");
    CHECK(body.at("checks").as_array()[0].at("why") == "unreachable: Connection refused");
}
