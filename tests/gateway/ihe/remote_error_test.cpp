// Test that the header is self-contained.
#include "gateway/ihe/remote_error.hpp"

#include <catch2/catch.hpp>

namespace ihe = ncpeh::gateway::ihe;
using ncpeh::errc;
using ncpeh::severity;

TEST_CASE("a peer's wire code with one meaning comes back as our code", "[ihe][country-b]") {
    const std::pair<std::string_view, errc> cases[] = {
        {"ERROR_PI_NO_MATCH", errc::patient_not_found},
        {"ERROR_PI_MULTIPLE_MATCHES", errc::patient_multiple_matches},
        {"4701", errc::no_consent},
        {"4703", errc::insufficient_rights},
        {"4206", errc::patient_differs_from_trc},
        {"1101", errc::no_eprescription_for_patient},
        {"1100", errc::no_eprescription_for_patient},
        {"4105", errc::no_matching_eprescription},
        {"4106", errc::eprescription_already_dispensed},
        {"ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION", errc::eprescription_not_dispensable},
        {"XDSMissingDocument", errc::document_not_found},
        {"ERROR_GENERIC_DOCUMENT_MISSING", errc::document_not_found},
        {"4202", errc::class_code_not_supported},
        {"ERROR_EP_MISSING_EXPECTED_MAPPING", errc::ep_missing_expected_mapping},
        {"WARNING_EP_MISSING_EXPECTED_MAPPING", errc::ep_missing_expected_mapping_warning},
        {"ERROR_ED_EPRESCRIPTION_NOT_IDENTIFIABLE", errc::ed_eprescription_not_identifiable},
        {"WARNING_ED_MISSING_BASIC_DATA", errc::ed_missing_basic_data},
        {"ERROR_ED_MISSING_EXPECTED_MAPPING", errc::ed_missing_expected_mapping},
        {"ERROR_ED_SUBSTITUTION_INFORMATION_NOT_ALLOWED", errc::ed_substitution_not_allowed},
        {"ERROR_ED_DISCARD_FAILED", errc::ed_discard_failed},
    };
    for (const auto& [wire, code] : cases) {
        INFO(wire);
        const ncpeh::error e = ihe::error_from_remote(wire, "the peer's words", severity::error);
        CHECK(e.code == code);
        CHECK(e.level == severity::error);
        CHECK(e.message == "the peer's words");
        CHECK(e.context_value("remote_code") == wire);
    }
}

TEST_CASE("a code we map back is the code we would send for that meaning", "[ihe][country-b]") {
    // The inverse of ehdsi_code: what error_from_remote makes of our own wire code is our code.
    for (const errc code : {errc::patient_not_found, errc::no_consent, errc::insufficient_rights,
                            errc::no_eprescription_for_patient, errc::document_not_found,
                            errc::eprescription_already_dispensed, errc::ed_discard_failed}) {
        INFO(ncpeh::name_of(code));
        CHECK(ihe::error_from_remote(ncpeh::ehdsi_code(code), "", severity::error).code == code);
    }
}

TEST_CASE("generic, security, the peer's own failures and unknown codes are a refusal",
          "[ihe][country-b]") {
    for (const std::string_view wire :
         {"ERROR_GENERIC", "ERROR_SEC_GENERIC", "ERROR_HPI_GENERIC", "1001", "ERROR_PI_GENERIC",
          "ERROR_EP_GENERIC", "ERROR_ED_GENERIC", "4103", "4104", "AnswerNotAvailable",
          "XDSRepositoryError", "ERROR_SOMETHING_NEW", "", "4701 "}) {
        INFO(wire);
        const ncpeh::error e = ihe::error_from_remote(wire, "refused", severity::warning);
        CHECK(e.code == errc::foreign_ncp_refused);
        CHECK(e.level == severity::warning);
        CHECK(e.message == "refused");
        REQUIRE(e.context.size() == 1);
        CHECK(e.context[0].key == "remote_code");
        CHECK(e.context[0].value == wire);
    }
}
