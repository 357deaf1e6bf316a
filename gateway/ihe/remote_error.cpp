#include "gateway/ihe/remote_error.hpp"

#include <array>

namespace ncpeh::gateway::ihe {

namespace {

// What a foreign NCP-A can tell us about the patient, the prescription, the document, consent or
// rights: the meanings a Swedish pharmacy is shown as such. Their wire codes come from
// `ehdsi_code`, so the mapping back cannot drift from the mapping out. Codes shared with an errc
// outside this list (4703 is also trc_identity_mismatch, ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION
// also dispense_exceeds_prescription) still name one meaning when a peer sends them. Our own
// internal causes (national_store_unreachable …), transport, security and the catch-all
// ERROR_EP_GENERIC / ERROR_ED_GENERIC codes are left out: from a peer they describe its side or
// nothing in particular, which foreign_ncp_refused says.
constexpr std::array remote_meanings{
    errc::patient_not_found,
    errc::patient_multiple_matches,
    errc::no_consent,
    errc::insufficient_rights,
    errc::patient_differs_from_trc,
    errc::no_eprescription_for_patient,
    errc::no_matching_eprescription,
    errc::eprescription_already_dispensed,
    errc::eprescription_not_dispensable,
    errc::document_not_found,
    errc::class_code_not_supported,
    errc::ep_missing_expected_mapping,
    errc::ep_missing_expected_mapping_warning,
    errc::ed_eprescription_not_identifiable,
    errc::ed_missing_basic_data,
    errc::ed_missing_expected_mapping,
    errc::ed_substitution_not_allowed,
    errc::ed_discard_failed,
};

struct synonym {
    std::string_view wire;
    errc code;
};

// OpenNCP's older spellings of the same meanings (ehdsi-protocol.md §6.2): 1100 "no documents"
// beside 1101, and the symbolic name of a missing document beside the IHE code.
constexpr std::array synonyms{
    synonym{"1100", errc::no_eprescription_for_patient},
    synonym{"ERROR_GENERIC_DOCUMENT_MISSING", errc::document_not_found},
};

errc code_of(std::string_view wire_code) noexcept {
    for (const errc code : remote_meanings) {
        if (ehdsi_code(code) == wire_code) {
            return code;
        }
    }
    for (const synonym& s : synonyms) {
        if (s.wire == wire_code) {
            return s.code;
        }
    }
    return errc::foreign_ncp_refused;
}

}  // namespace

error error_from_remote(std::string_view wire_code, std::string message, severity level) {
    return error{code_of(wire_code), level, std::move(message), {}}.with("remote_code",
                                                                         std::string(wire_code));
}

}  // namespace ncpeh::gateway::ihe
