// The XCPD stage in-process, on the seed in an in-memory national store.
#include "gateway/ncp_a/xcpd/answer_xcpd.hpp"

#include <catch2/catch.hpp>

#include "tests/gateway/support/country_a_stages.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/support/text.hpp"

using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;
using namespace ncpeh::samples::foreign_ncp;
using ncpeh::gateway::audit::outcome;

namespace {

ncpeh::gateway::net::response identify(country_a_stages& a, std::string_view personnummer,
                                       const caller_claims& claims = {},
                                       std::string_view receiver = swedish_hcid) {
    return a.answer(ncpeh::gateway::ncp_a::xcpd::answer_xcpd,
                    ncpeh::gateway::ihe::transaction::xcpd, claims,
                    xcpd_body(partner_sources(), personnummer, receiver));
}

}  // namespace

TEST_CASE("XCPD stage: a consenting patient is identified with one store call, and audited") {
    country_a_stages a;
    const auto res = identify(a, tolvan);
    CHECK(res.result() == boost::beast::http::status::ok);
    CHECK(contains(res.body(), R"(<queryResponseCode code="OK"/>)"));
    CHECK(contains(res.body(), R"(extension="191212121212")"));
    CHECK(contains(res.body(), R"(root="1.2.752.129.2.1.3.1")"));
    CHECK(contains(res.body(), "<family>Testsson</family>"));
    CHECK(contains(res.body(), "<given>Tolvan</given>"));
    CHECK(a.store.calls() == 1);
    REQUIRE(a.audit.events.size() == 1);
    const ncpeh::gateway::audit::audit_event& event = a.audit.events.front();
    CHECK(event.transaction == "xcpd");
    CHECK(event.outcome == outcome::success);
    CHECK(event.partner_country == "FI");
    CHECK(event.patient_id == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(event.requester == "Testi Apteekkari");
}

TEST_CASE("XCPD stage: unknown and hidden patients are not found alike; no consent is 4701") {
    country_a_stages a;
    const auto nobody = identify(a, unknown);
    CHECK(contains(nobody.body(), R"(<queryResponseCode code="NF"/>)"));
    CHECK_FALSE(contains(nobody.body(), "registrationEvent"));
    const auto hidden = identify(a, hemlig);
    CHECK(contains(hidden.body(), R"(<queryResponseCode code="NF"/>)"));
    CHECK_FALSE(contains(hidden.body(), "registrationEvent"));
    CHECK_FALSE(contains(hidden.body(), "Skyddad"));
    const auto refused = identify(a, utan);
    CHECK(contains(refused.body(), R"(<queryResponseCode code="AE"/>)"));
    CHECK(contains(refused.body(), "4701"));
    CHECK(contains(refused.body(), "InsufficientRights"));
    CHECK_FALSE(contains(refused.body(), "registrationEvent"));
    REQUIRE(a.audit.events.size() == 3);
    CHECK(a.audit.events[2].outcome == outcome::failure);
    CHECK(a.audit.events[2].error_code == "4701");
}

TEST_CASE("XCPD stage: refused callers and misaddressed requests never reach the store") {
    country_a_stages a;
    SECTION("an HCP without the XCPD permission PRD-006") {
        caller_claims claims;
        claims.permissions = {"PRD-004", "PRD-010"};
        const auto res = identify(a, tolvan, claims);
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK(contains(res.body(), "4703"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
    }
    SECTION("assertions signed in another country than the TLS peer's") {
        caller_claims claims;
        claims.seal = "se-seal";
        claims.country = "SE";
        const auto res = identify(a, tolvan, claims);
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
    }
    SECTION("a request for another community") {
        const auto res = identify(a, tolvan, {}, "2.16.17.710.820.1000.990.1");
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
    }
    CHECK(a.store.calls() == 0);
    REQUIRE(a.audit.events.size() == 1);
    CHECK(a.audit.events.front().outcome == outcome::failure);
}

TEST_CASE("XCPD stage: a store that is down is ResponderBusy, and a failing audit trail an error") {
    country_a_stages a;
    SECTION("store down") {
        a.store.go_down();
        const auto res = identify(a, tolvan);
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK(contains(res.body(), "ResponderBusy"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
        CHECK(a.audit.events.front().error_code == "4103");
    }
    SECTION("nothing unaudited leaves: the match is not sent") {
        a.audit.failing = true;
        const auto res = identify(a, tolvan);
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
    }
}
