#include "trust/error/error_code.hpp"

namespace ncpeh {

namespace {

struct code_names {
    std::string_view name;
    std::string_view wire;
};

// Wire codes from ehdsi-protocol.md §6.2. Parse and configuration problems have no eHDSI code of
// their own; they travel as ERROR_GENERIC in a SOAP Sender fault.
constexpr code_names names_of(errc code) noexcept {
    switch (code) {
        case errc::xml_too_large:
            return {"xml_too_large", "ERROR_GENERIC"};
        case errc::xml_too_deep:
            return {"xml_too_deep", "ERROR_GENERIC"};
        case errc::xml_too_complex:
            return {"xml_too_complex", "ERROR_GENERIC"};
        case errc::xml_doctype_forbidden:
            return {"xml_doctype_forbidden", "ERROR_SEC_GENERIC"};
        case errc::xml_entity_forbidden:
            return {"xml_entity_forbidden", "ERROR_SEC_GENERIC"};
        case errc::xml_invalid_encoding:
            return {"xml_invalid_encoding", "ERROR_GENERIC"};
        case errc::xml_malformed:
            return {"xml_malformed", "ERROR_GENERIC"};
        case errc::xml_missing_element:
            return {"xml_missing_element", "ERROR_GENERIC"};
        case errc::config_invalid:
            return {"config_invalid", "ERROR_GENERIC"};
        case errc::not_available_yet:
            return {"not_available_yet", "ERROR_GENERIC"};
        case errc::invalid_argument:
            return {"invalid_argument", "ERROR_GENERIC"};
        case errc::assertion_not_valid:
            return {"assertion_not_valid", "1001"};
        case errc::trc_identity_mismatch:
            return {"trc_identity_mismatch", "4703"};
        case errc::hcp_assertion_missing:
            return {"hcp_assertion_missing", "ERROR_HPI_AUTHENTICATION_NOT_RECEIVED"};
        case errc::hcp_assertion_invalid:
            return {"hcp_assertion_invalid", "ERROR_HPI_GENERIC"};
        case errc::insufficient_rights:
            return {"insufficient_rights", "4703"};
        case errc::signature_invalid:
            return {"signature_invalid", "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED"};
        case errc::security_generic:
            return {"security_generic", "ERROR_SEC_GENERIC"};
        case errc::patient_differs_from_trc:
            return {"patient_differs_from_trc", "4206"};
        case errc::assertion_replayed:
            return {"assertion_replayed", "ERROR_SEC_GENERIC"};
        case errc::certificate_expired:
            return {"certificate_expired", "ERROR_SEC_GENERIC"};
        case errc::certificate_not_yet_valid:
            return {"certificate_not_yet_valid", "ERROR_SEC_GENERIC"};
        case errc::certificate_untrusted:
            return {"certificate_untrusted", "ERROR_SEC_GENERIC"};
        case errc::certificate_revoked:
            return {"certificate_revoked", "ERROR_SEC_GENERIC"};
        case errc::certificate_wrong_usage:
            return {"certificate_wrong_usage", "ERROR_SEC_GENERIC"};
        case errc::signature_binding_invalid:
            return {"signature_binding_invalid", "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED"};
        case errc::signature_algorithm_forbidden:
            return {"signature_algorithm_forbidden", "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED"};
        case errc::signature_key_untrusted:
            return {"signature_key_untrusted", "ERROR_SEC_GENERIC"};
        case errc::signer_country_mismatch:
            return {"signer_country_mismatch", "ERROR_SEC_GENERIC"};
        case errc::trc_assertion_missing:
            return {"trc_assertion_missing", "1001"};
        case errc::patient_not_found:
            return {"patient_not_found", "ERROR_PI_NO_MATCH"};
        case errc::patient_multiple_matches:
            return {"patient_multiple_matches", "ERROR_PI_MULTIPLE_MATCHES"};
        case errc::no_consent:
            return {"no_consent", "4701"};
        case errc::national_store_unreachable:
            return {"national_store_unreachable", "4103"};
        case errc::national_data_access_failure:
            return {"national_data_access_failure", "4104"};
        case errc::no_eprescription_for_patient:
            return {"no_eprescription_for_patient", "1101"};
        case errc::no_matching_eprescription:
            return {"no_matching_eprescription", "4105"};
        case errc::eprescription_already_dispensed:
            return {"eprescription_already_dispensed", "4106"};
        case errc::eprescription_not_dispensable:
            return {"eprescription_not_dispensable", "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"};
        case errc::document_not_found:
            return {"document_not_found", "XDSMissingDocument"};
        case errc::ep_missing_expected_mapping:
            return {"ep_missing_expected_mapping", "ERROR_EP_MISSING_EXPECTED_MAPPING"};
        case errc::ep_missing_expected_mapping_warning:
            return {"ep_missing_expected_mapping_warning", "WARNING_EP_MISSING_EXPECTED_MAPPING"};
        case errc::ep_generic:
            return {"ep_generic", "ERROR_EP_GENERIC"};
        case errc::ed_eprescription_not_identifiable:
            return {"ed_eprescription_not_identifiable", "ERROR_ED_EPRESCRIPTION_NOT_IDENTIFIABLE"};
        case errc::ed_missing_basic_data:
            return {"ed_missing_basic_data", "WARNING_ED_MISSING_BASIC_DATA"};
        case errc::ed_missing_expected_mapping:
            return {"ed_missing_expected_mapping", "ERROR_ED_MISSING_EXPECTED_MAPPING"};
        case errc::ed_substitution_not_allowed:
            return {"ed_substitution_not_allowed", "ERROR_ED_SUBSTITUTION_INFORMATION_NOT_ALLOWED"};
        case errc::ed_generic:
            return {"ed_generic", "ERROR_ED_GENERIC"};
        case errc::ed_discard_failed:
            return {"ed_discard_failed", "ERROR_ED_DISCARD_FAILED"};
        case errc::soap_version_mismatch:
            return {"soap_version_mismatch", "ERROR_GENERIC"};
        case errc::soap_must_understand:
            return {"soap_must_understand", "ERROR_GENERIC"};
        case errc::soap_malformed:
            return {"soap_malformed", "ERROR_GENERIC"};
        case errc::soap_unknown_action:
            return {"soap_unknown_action", "ERROR_GENERIC_SERVICE_SIGNIFIER_UNKNOWN"};
        case errc::mtom_malformed:
            return {"mtom_malformed", "ERROR_GENERIC"};
        case errc::partner_unknown:
            return {"partner_unknown", "ERROR_SEC_GENERIC"};
        case errc::ihe_request_invalid:
            return {"ihe_request_invalid", "ERROR_GENERIC"};
        case errc::class_code_not_supported:
            return {"class_code_not_supported", "4202"};
        case errc::demographics_query_not_allowed:
            return {"demographics_query_not_allowed", "ERROR_PI_GENERIC"};
        case errc::xcpd_wrong_receiver:
            return {"xcpd_wrong_receiver", "ERROR_PI_GENERIC"};
        case errc::fhir_malformed:
            return {"fhir_malformed", "ERROR_GENERIC"};
        case errc::fhir_invalid:
            return {"fhir_invalid", "ERROR_GENERIC"};
        case errc::foreign_ncp_unreachable:
            return {"foreign_ncp_unreachable", "ERROR_GENERIC_CONNECTION_NOT_POSSIBLE"};
        case errc::foreign_ncp_timeout:
            return {"foreign_ncp_timeout", "ERROR_GENERIC_CONNECTION_NOT_POSSIBLE"};
        case errc::foreign_ncp_answer_invalid:
            return {"foreign_ncp_answer_invalid", "ERROR_GENERIC"};
        case errc::foreign_ncp_refused:
            return {"foreign_ncp_refused", "ERROR_GENERIC"};
        case errc::session_invalid:
            return {"session_invalid", "ERROR_HPI_AUTHENTICATION_NOT_RECEIVED"};
        case errc::pharmacist_not_licensed:
            return {"pharmacist_not_licensed", "ERROR_HPI_GENERIC"};
        case errc::pharmacy_unknown:
            return {"pharmacy_unknown", "ERROR_SEC_GENERIC"};
        case errc::search_mask_violation:
            return {"search_mask_violation", "ERROR_PI_GENERIC"};
        case errc::country_unknown:
            return {"country_unknown", "ERROR_GENERIC"};
        case errc::document_patient_mismatch:
            return {"document_patient_mismatch", "ERROR_EP_GENERIC"};
        case errc::dispense_exceeds_prescription:
            return {"dispense_exceeds_prescription", "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"};
        case errc::dispensation_not_found:
            return {"dispensation_not_found", "ERROR_GENERIC_DOCUMENT_MISSING"};
        case errc::unknown_route:
            return {"unknown_route", "ERROR_GENERIC"};
        case errc::storage_unavailable:
            return {"storage_unavailable", "ERROR_GENERIC"};
        case errc::internal:
            return {"internal", "ERROR_GENERIC"};
    }
    return {"unknown", "ERROR_GENERIC"};
}

}  // namespace

std::string_view ehdsi_code(errc code) noexcept {
    return names_of(code).wire;
}

std::string_view name_of(errc code) noexcept {
    return names_of(code).name;
}

std::optional<errc> errc_from_name(std::string_view name) noexcept {
    for (int i = 0; i <= static_cast<int>(errc::internal); ++i) {
        if (names_of(static_cast<errc>(i)).name == name) {
            return static_cast<errc>(i);
        }
    }
    return std::nullopt;
}

}  // namespace ncpeh
