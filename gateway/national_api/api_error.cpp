#include "gateway/national_api/api_error.hpp"

#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::gateway::national_api {

namespace fhir = translators::fhir;

unsigned http_status_of(const error& e) noexcept {
    switch (e.code) {
        case errc::invalid_argument:
        case errc::fhir_malformed:
        case errc::fhir_invalid:
        case errc::search_mask_violation:
        case errc::xml_malformed:
        case errc::xml_too_large:
        case errc::xml_too_deep:
        case errc::xml_too_complex:
            return 400;
        case errc::session_invalid:
            return 401;
        case errc::pharmacist_not_licensed:
        case errc::pharmacy_unknown:
        case errc::no_consent:
        case errc::insufficient_rights:
            return 403;
        case errc::country_unknown:
        case errc::dispensation_not_found:
        case errc::patient_not_found:
        case errc::document_not_found:
        case errc::no_eprescription_for_patient:
        case errc::no_matching_eprescription:
            return 404;
        case errc::unknown_route:
            return e.context_value("allow").empty() ? 404 : 405;
        case errc::patient_multiple_matches:
        case errc::dispense_exceeds_prescription:
        case errc::ed_substitution_not_allowed:
        case errc::ed_missing_basic_data:
        case errc::ed_missing_expected_mapping:
        case errc::ed_eprescription_not_identifiable:
        case errc::ed_generic:
        case errc::ed_discard_failed:
        case errc::eprescription_already_dispensed:
        case errc::eprescription_not_dispensable:
            return 422;
        case errc::foreign_ncp_unreachable:
        case errc::foreign_ncp_answer_invalid:
        case errc::foreign_ncp_refused:
        case errc::document_patient_mismatch:
        case errc::ep_generic:
        case errc::ep_missing_expected_mapping:
            return 502;
        case errc::foreign_ncp_timeout:
            return 504;
        case errc::national_store_unreachable:
        case errc::national_data_access_failure:
        case errc::storage_unavailable:
            return 503;
        default:
            return 500;
    }
}

namespace {

// The FHIR issue type (http://hl7.org/fhir/issue-type) of a status.
std::string_view issue_type_of(const error& e, unsigned status) noexcept {
    switch (status) {
        case 400:
            return "invalid";
        case 401:
            return "login";
        case 403:
            return "forbidden";
        case 404:
            return "not-found";
        case 405:
            return "not-supported";
        case 422:
            return "business-rule";
        case 503:
            return "transient";
        case 504:
            return "timeout";
        default:
            return e.code == errc::foreign_ncp_unreachable ? "transient" : "exception";
    }
}

}  // namespace

boost::json::object operation_outcome_of(const error& e) {
    const unsigned status = http_status_of(e);
    fhir::outcome_issue issue;
    issue.severity = "error";
    issue.code = std::string(issue_type_of(e, status));
    issue.details.coding.push_back(
        {std::string(fhir::uris::ncpeh_error_system), std::string(name_of(e.code)), {}});
    issue.details.coding.push_back(
        {std::string(fhir::uris::ehdsi_error_system), std::string(ehdsi_code(e.code)), {}});
    if (const auto remote = e.context_value("remote_code"); !remote.empty()) {
        issue.details.coding.push_back(
            {std::string(fhir::uris::foreign_ncp_error_system), std::string(remote), {}});
    }
    issue.diagnostics = std::string(message_for_partner(e));
    if (const auto element = e.context_value("element"); !element.empty()) {
        issue.expression.emplace_back(element);
    }
    fhir::operation_outcome outcome;
    outcome.issues.push_back(std::move(issue));
    return fhir::to_json(outcome);
}

}  // namespace ncpeh::gateway::national_api
