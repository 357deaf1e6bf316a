#include "gateway/ncp_a/swedish_patient.hpp"

#include <algorithm>

#include "translators/sweden/identifier_oids.hpp"

namespace ncpeh::gateway::ncp_a {

std::optional<std::string> personnummer_of(const ihe::patient_id& id) {
    const std::string& digits = id.extension;
    if (id.root != translators::sweden::personnummer_oid || digits.size() != 12 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return digits;
}

ihe::patient_id patient_id_of_personnummer(std::string personnummer) {
    return {std::string(translators::sweden::personnummer_oid), std::move(personnummer)};
}

result<ihe::patient_id> trc_patient(const trust::saml::verified_assertions& assertions) {
    if (!assertions.trc() || !assertions.trc()->subject_id) {
        return make_error(errc::trc_assertion_missing,
                          "the transaction needs a TRC assertion naming the patient");
    }
    auto parsed = ihe::parse_patient_id(*assertions.trc()->subject_id);
    if (!parsed) {
        return make_error(errc::assertion_not_valid,
                          "the TRC assertion's subject-id is not a CX patient id");
    }
    return parsed->id;
}

error no_consent_error() {
    return make_error(errc::no_consent,
                      "the patient has not consented to cross-border dispensing of ePrescriptions");
}

result<void> check_patient_is_trc_patient(const ihe::patient_id& requested,
                                          const ihe::patient_id& trc) {
    if (requested != trc) {
        return make_error(errc::patient_differs_from_trc,
                          "the patient of the request is not the patient of the TRC assertion");
    }
    return {};
}

}  // namespace ncpeh::gateway::ncp_a
