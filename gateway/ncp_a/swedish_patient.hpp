#pragma once

#include <optional>
#include <string>

#include "gateway/ihe/patient_id.hpp"
#include "trust/error/error.hpp"
#include "trust/saml/verified_assertions.hpp"

namespace ncpeh::gateway::ncp_a {

// Swedish patients are identified cross-border by their personnummer, under
// translators::sweden::personnummer_oid (sweden-national-side.md §1). Samordningsnummer
// patients are not offered abroad (§4.5).

/// The 12-digit personnummer named by `id`, or nothing when `id` is not under
/// `translators::sweden::personnummer_oid` or its extension is not 12 digits.
std::optional<std::string> personnummer_of(const ihe::patient_id& id);

/// The XDS/HL7 patient id of a personnummer.
ihe::patient_id patient_id_of_personnummer(std::string personnummer);

/// The patient the TRC assertion vouches for (its subject-id CX). Errors:
/// `trc_assertion_missing` without a TRC, `assertion_not_valid` when its subject-id is not a
/// CX patient id.
result<ihe::patient_id> trc_patient(const trust::saml::verified_assertions& assertions);

/// The answer to a patient without an active cross-border consent
/// (`translators::sweden::patient_visibility::no_consent`), the same in every transaction:
/// `no_consent` (4701).
error no_consent_error();

/// The patient a request names must be the TRC's patient (ehdsi-protocol.md §3: OpenNCP only
/// checks a substring and then continues; we refuse). Errors: `patient_differs_from_trc`.
result<void> check_patient_is_trc_patient(const ihe::patient_id& requested,
                                          const ihe::patient_id& trc);

}  // namespace ncpeh::gateway::ncp_a
