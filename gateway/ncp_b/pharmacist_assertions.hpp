#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/ncp_b/care_setting.hpp"
#include "trust/error/error.hpp"
#include "trust/xmldsig/signing_credential_slot.hpp"

namespace ncpeh::gateway::ncp_b {

/// Who issues country B's assertions: our country, home community and seal (the one in force
/// when an assertion is signed: a reload may rotate it).
struct assertion_issuer {
    std::string country;            ///< "SE"
    std::string home_community_id;  ///< "urn:oid:…"
    const trust::xmldsig::signing_credential_slot* seal = nullptr;
};

/// A signed assertion, ready for wsse:Security.
struct issued_assertion {
    std::string xml;  ///< the saml2:Assertion, verbatim (never re-serialise: it is signed)
    std::string id;
    std::chrono::system_clock::time_point expires_at;
};

/// The ISCO-08 role of a Swedish pharmacy profession: AP (apotekare) → 2262 Pharmacists,
/// RC (receptarie) → 3213 Pharmaceutical technicians and assistants; nothing for any other.
std::optional<std::string_view> isco_role_of(std::string_view profession) noexcept;

/// The HCP identity assertion for `who` working at `at` (ehdsi-protocol.md §7.1): the ISCO role
/// of the profession, facility type Pharmacy, purpose of use TREATMENT, every permission the
/// eP/eD transactions need, NameID = the legitimationskod, valid from `now` for `validity`
/// (at most 4 h). Errors: `errc::pharmacist_not_licensed` for a profession without an ISCO
/// pharmacy role; the signing errors of `issue_hcp_assertion`.
result<issued_assertion> issue_pharmacist_assertion(const assertion_issuer& issuer,
                                                    const pharmacy& at, const pharmacist& who,
                                                    std::chrono::system_clock::time_point now,
                                                    std::chrono::seconds validity);

/// A TRC assertion: `who` treats the patient `patient_cx` (CX "ext^^^&root&ISO"), Advice → the
/// HCP assertion `hcp_assertion_id`; valid from `now` for `validity` (at most 2 h).
result<issued_assertion> issue_treatment_assertion(const assertion_issuer& issuer,
                                                   const pharmacist& who,
                                                   std::string_view hcp_assertion_id,
                                                   std::string_view patient_cx,
                                                   std::chrono::system_clock::time_point now,
                                                   std::chrono::seconds validity);

}  // namespace ncpeh::gateway::ncp_b
