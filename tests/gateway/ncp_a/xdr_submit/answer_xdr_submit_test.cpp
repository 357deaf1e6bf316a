// The XDR stage in-process, on the seed in an in-memory national store with its dispensing
// rules.
#include "gateway/ncp_a/xdr_submit/answer_xdr_submit.hpp"

#include <catch2/catch.hpp>

#include "tests/gateway/support/country_a_stages.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/support/text.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/fhir/medication_request.hpp"

using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;
using namespace ncpeh::samples::foreign_ncp;
namespace fhir = ncpeh::translators::fhir;
using ncpeh::gateway::audit::outcome;

namespace {

/// The partner's eDispensation (or its discard) of `prescription` for `patient`, with a TRC for
/// `trc_patient`.
std::string submit(country_a_stages& a, std::string_view trc_patient, std::string_view patient,
                   std::string_view prescription, std::string_view number, bool discard = false,
                   caller_claims claims = {}) {
    claims.trc_patient = personnummer_cx(trc_patient);
    return a
        .answer(
            ncpeh::gateway::ncp_a::xdr_submit::answer_xdr_submit,
            ncpeh::gateway::ihe::transaction::xdr_submit, claims,
            xdr_body(partner_sources(), personnummer_cx(patient), prescription, number, discard))
        .body();
}

/// The prescription as the store now holds it.
fhir::medication_request stored(country_a_stages& a, std::string_view prescription) {
    return fhir::parse_medication_request(a.store.data().read_prescription(prescription).value())
        .value();
}

/// The dispenses the store holds for `prescription`.
std::vector<fhir::medication_dispense> dispenses(country_a_stages& a,
                                                 std::string_view prescription) {
    std::vector<fhir::medication_dispense> out;
    for (const auto& d : a.store.data().search_dispenses(prescription).value()) {
        out.push_back(fhir::parse_medication_dispense(d).value());
    }
    return out;
}

std::vector<outcome> outcomes(const country_a_stages& a) {
    std::vector<outcome> out;
    for (const auto& e : a.audit.events) {
        out.push_back(e.outcome);
    }
    return out;
}

}  // namespace

TEST_CASE("XDR stage: a dispensation is recorded once, and its discard gives the uttag back") {
    country_a_stages a;
    const long long remaining = stored(a, amoxicillin).remaining_dispenses.value();
    const std::size_t before = dispenses(a, amoxicillin).size();

    const std::string first = submit(a, tolvan, tolvan, amoxicillin, "7001");
    INFO(first);
    CHECK(contains(first, "ResponseStatusType:Success"));
    CHECK_FALSE(contains(first, "RegistryError "));
    CHECK(stored(a, amoxicillin).remaining_dispenses == remaining - 1);
    auto recorded = dispenses(a, amoxicillin);
    REQUIRE(recorded.size() == before + 1);
    const fhir::medication_dispense& dispense = recorded.back();
    CHECK(dispense.status == "completed");
    CHECK(dispense.subject.reference == "Patient/5e010001-0000-4000-8000-000000000001");
    CHECK(a.store.calls() == 3);  // the patient, the prescription, the dispense
    CHECK(outcomes(a) == std::vector{outcome::started, outcome::success});
    CHECK(a.audit.events.back().transaction == "xdr-dispense");

    // The partner resends: the store answers with the first dispense, nothing is used twice.
    CHECK(contains(submit(a, tolvan, tolvan, amoxicillin, "7001"), "ResponseStatusType:Success"));
    CHECK(dispenses(a, amoxicillin).size() == before + 1);
    CHECK(stored(a, amoxicillin).remaining_dispenses == remaining - 1);

    const std::string discard = submit(a, tolvan, tolvan, amoxicillin, "7001", true);
    CHECK(contains(discard, "ResponseStatusType:Success"));
    CHECK(stored(a, amoxicillin).remaining_dispenses == remaining);
    CHECK(dispenses(a, amoxicillin).back().status == "entered-in-error");
    CHECK(a.audit.events.back().transaction == "xdr-discard");
    CHECK(a.audit.events.back().outcome == outcome::success);
}

TEST_CASE("XDR stage: the store's rules refuse what cannot be dispensed") {
    country_a_stages a;
    SECTION("already dispensed: every uttag used") {
        const std::string res = submit(a, fiktiva, fiktiva, used_up_amoxicillin, "7003");
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(contains(res, R"(errorCode="4106")"));
    }
    SECTION("an expired prescription") {
        const std::string res = submit(a, testa, testa, expired_metformin, "7008");
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(contains(res, "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"));
        CHECK(dispenses(a, expired_metformin).empty());
    }
    SECTION("another patient's prescription") {
        const std::string res = submit(a, testa, testa, diklofenak, "7005");
        CHECK(contains(res, R"(errorCode="4105")"));
        CHECK(a.store.calls() == 2);  // nothing was written
        CHECK(dispenses(a, diklofenak).empty());
    }
    SECTION("discarding a dispensation that was never recorded") {
        const std::string res = submit(a, tolvan, tolvan, diklofenak, "7002", true);
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(contains(res, "ERROR_ED_DISCARD"));
        CHECK(outcomes(a) == std::vector{outcome::failure});
    }
}

TEST_CASE("XDR stage: security refusals come before any store call") {
    country_a_stages a;
    SECTION("the submitted patient is not the TRC's") {
        CHECK(contains(submit(a, testa, tolvan, diklofenak, "7004"), R"(errorCode="4206")"));
    }
    SECTION("an HCP without the dispensation permission PPD-046") {
        caller_claims claims;
        claims.permissions = {"PRD-004", "PRD-006", "PRD-010"};
        CHECK(contains(submit(a, tolvan, tolvan, diklofenak, "7006", false, claims),
                       R"(errorCode="4703")"));
    }
    CHECK(a.store.calls() == 0);
    CHECK(dispenses(a, diklofenak).empty());
}

TEST_CASE("XDR stage: a store that is down is 4103; without an audit trail nothing is written") {
    country_a_stages a;
    SECTION("store down") {
        a.store.go_down();
        const std::string res = submit(a, tolvan, tolvan, diklofenak, "7009");
        CHECK(contains(res, R"(errorCode="4103")"));
        CHECK(contains(res, "ResponseStatusType:Failure"));
    }
    SECTION("the started event cannot be recorded: the store is not asked to dispense") {
        a.audit.failing = true;
        const std::string res = submit(a, tolvan, tolvan, diklofenak, "7010");
        CHECK(contains(res, "ResponseStatusType:Failure"));
        CHECK(a.store.calls() == 2);  // read the patient and the prescription, wrote nothing
        CHECK(dispenses(a, diklofenak).empty());
    }
}
