#include "gateway/national_api/api_error.hpp"

#include <catch2/catch.hpp>

#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/uris.hpp"

using namespace ncpeh;
using namespace ncpeh::gateway::national_api;
namespace fhir = ncpeh::translators::fhir;

TEST_CASE("the status says whose fault an error is", "[national-api]") {
    struct expectation {
        errc code;
        unsigned status;
    };
    for (const auto& [code, status] :
         {expectation{errc::fhir_malformed, 400}, expectation{errc::search_mask_violation, 400},
          expectation{errc::session_invalid, 401}, expectation{errc::pharmacist_not_licensed, 403},
          expectation{errc::pharmacy_unknown, 403}, expectation{errc::country_unknown, 404},
          expectation{errc::patient_not_found, 404},
          expectation{errc::dispense_exceeds_prescription, 422},
          expectation{errc::ed_substitution_not_allowed, 422},
          expectation{errc::foreign_ncp_unreachable, 502},
          expectation{errc::foreign_ncp_refused, 502},
          expectation{errc::foreign_ncp_answer_invalid, 502},
          expectation{errc::document_patient_mismatch, 502},
          expectation{errc::foreign_ncp_timeout, 504}, expectation{errc::storage_unavailable, 503},
          expectation{errc::national_store_unreachable, 503}, expectation{errc::internal, 500}}) {
        INFO(name_of(code));
        CHECK(http_status_of(make_error(code, "x")) == status);
    }
    CHECK(http_status_of(make_error(errc::unknown_route, "x")) == 404);
    CHECK(http_status_of(make_error(errc::unknown_route, "x").with("allow", "POST")) == 405);
}

TEST_CASE("errors become an OperationOutcome with our, the eHDSI and the foreign code",
          "[national-api]") {
    const auto body =
        operation_outcome_of(make_error(errc::foreign_ncp_refused, "Finland refused: no consent")
                                 .with("remote_code", "4701")
                                 .with("element", "identifiers[0]"));
    const auto outcome = fhir::parse_operation_outcome(body);
    REQUIRE(outcome.has_value());
    REQUIRE(outcome->issues.size() == 1);
    const auto& issue = outcome->issues[0];
    CHECK(issue.severity == "error");
    CHECK(issue.code == "exception");
    CHECK(issue.diagnostics == "Finland refused: no consent");
    CHECK(issue.expression == std::vector<std::string>{"identifiers[0]"});
    CHECK(fhir::outcome_code(*outcome, fhir::uris::ncpeh_error_system) == "foreign_ncp_refused");
    CHECK(fhir::outcome_code(*outcome, fhir::uris::ehdsi_error_system) == "ERROR_GENERIC");
    CHECK(fhir::outcome_code(*outcome, fhir::uris::foreign_ncp_error_system) == "4701");
}

TEST_CASE("internal failures show a neutral message", "[national-api]") {
    const auto body = operation_outcome_of(
        make_error(errc::storage_unavailable, "database is locked: /var/lib/ncpeh/ncpeh.db"));
    const auto outcome = fhir::parse_operation_outcome(body).value();
    CHECK(outcome.issues[0].code == "transient");
    CHECK(outcome.issues[0].diagnostics.find("/var/lib") == std::string::npos);
    CHECK(fhir::outcome_code(outcome, fhir::uris::foreign_ncp_error_system).empty());
}
