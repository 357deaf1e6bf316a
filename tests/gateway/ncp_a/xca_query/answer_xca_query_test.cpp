// The XCA query stage in-process, on the seed in an in-memory national store.
#include "gateway/ncp_a/xca_query/answer_xca_query.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/country_a_stages.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/support/text.hpp"

using namespace ncpeh::samples::foreign_ncp;
using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;

namespace {

constexpr auto stage = ncpeh::gateway::ncp_a::xca_query::answer_xca_query;

/// The query of the partner with a TRC for `trc_patient` (none when empty) for the
/// prescriptions of `patient`.
std::string list(country_a_stages& a, std::string_view trc_patient, std::string_view patient) {
    const caller_claims claims = trc_patient.empty() ? caller_claims{} : for_patient(trc_patient);
    return a
        .answer(stage, ncpeh::gateway::ihe::transaction::xca_query, claims,
                xca_query_body(partner_sources(), personnummer_cx(patient)))
        .body();
}

}  // namespace

TEST_CASE("XCA query stage: the patient's dispensable prescriptions as L3 + L1 pairs") {
    country_a_stages a;
    const std::string res = list(a, tolvan, tolvan);
    CHECK(contains(res, "ResponseStatusType:Success"));
    // Each of Tolvan's four dispensable prescriptions once at each level; never the narcotics
    // (oxikodon, zolpidem).
    const auto ids = listed_ids(res);
    const std::set<std::string> listed(ids.begin(), ids.end());
    std::set<std::string> expected;
    for (const std::string_view prescription : {metformin, amoxicillin, diklofenak, amlodipin}) {
        expected.insert({document_id(prescription, "L3"), document_id(prescription, "L1")});
    }
    CHECK(listed == expected);
    CHECK(ids.size() == expected.size());
    CHECK(contains(res, "urn:ihe:iti:2007:AssociationType:XFRM"));
    CHECK(contains(res, "191212121212^^^"));
    // The patient with consents, then the active prescriptions.
    CHECK(a.store.calls() == 2);
    REQUIRE(a.audit.events.size() == 1);
    const ncpeh::gateway::audit::audit_event& event = a.audit.events.front();
    CHECK(event.transaction == "xca-list");
    CHECK(event.outcome == ncpeh::gateway::audit::outcome::success);
    CHECK(event.patient_id == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(std::set<std::string>(event.document_ids.begin(), event.document_ids.end()) == listed);
}

TEST_CASE("XCA query stage: no consent is 4701; hidden and unknown patients have nothing") {
    country_a_stages a;
    const std::string refused = list(a, utan, utan);
    CHECK(contains(refused, R"(errorCode="4701")"));
    CHECK(listed_ids(refused).empty());
    CHECK(a.store.calls() == 1);  // the patient's prescriptions were not read
    const std::string hidden = list(a, hemlig, hemlig);
    CHECK(contains(hidden, R"(errorCode="1101")"));
    CHECK_FALSE(contains(hidden, R"(errorCode="4701")"));  // not the bare digits: message ids
    CHECK(listed_ids(hidden).empty());
    const std::string nobody = list(a, unknown, unknown);
    CHECK(contains(nobody, R"(errorCode="1101")"));
    CHECK(listed_ids(nobody).empty());
    CHECK(a.store.calls() == 3);
}

TEST_CASE("XCA query stage: security refusals come before any store call") {
    country_a_stages a;
    SECTION("the query's patient is not the TRC's patient") {
        const std::string res = list(a, tolvan, testa);
        CHECK(contains(res, R"(errorCode="4206")"));
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(listed_ids(res).empty());
    }
    SECTION("no TRC assertion") {
        const std::string res = list(a, "", tolvan);
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(listed_ids(res).empty());
    }
    SECTION("no assertions at all") {
        const std::string envelope = soap_envelope(
            ncpeh::gateway::ihe::request_action(ncpeh::gateway::ihe::transaction::xca_query), "",
            xca_query_body(partner_sources(), personnummer_cx(tolvan)));
        const std::string res = a.answer(stage, envelope).body();
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(listed_ids(res).empty());
    }
    SECTION("a replayed assertion") {
        const std::string envelope =
            partner_envelope(ncpeh::gateway::ihe::transaction::xca_query, for_patient(tolvan),
                             xca_query_body(partner_sources(), personnummer_cx(tolvan)));
        CHECK(contains(a.answer(stage, envelope).body(), "ResponseStatusType:Success"));
        const std::size_t calls = a.store.calls();
        const std::string again = a.answer(stage, envelope).body();
        CHECK(contains(again, "ResponseStatusType:Failure"));
        CHECK(listed_ids(again).empty());
        CHECK(a.store.calls() == calls);
        return;
    }
    CHECK(a.store.calls() == 0);
}

TEST_CASE("XCA query stage: a store that is down is 4103; an audit failure hides the list") {
    country_a_stages a;
    SECTION("store down") {
        a.store.go_down();
        const std::string res = list(a, tolvan, tolvan);
        CHECK(contains(res, R"(errorCode="4103")"));
        CHECK(contains(res, "ResponseStatusType:Failure"));
    }
    SECTION("nothing unaudited leaves") {
        a.audit.failing = true;
        const std::string res = list(a, tolvan, tolvan);
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(listed_ids(res).empty());
    }
}
