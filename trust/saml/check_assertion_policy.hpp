#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/saml/assertion.hpp"
#include "trust/saml/transaction.hpp"

namespace ncpeh::trust::saml {

/// The one clock-skew allowance for assertion conditions (OpenNCP and eHDSI: ±60 s).
inline constexpr std::chrono::seconds clock_skew{60};
/// Longest accepted Conditions span: HCP 4 h, TRC 2 h (ehdsi-protocol.md §7.4).
inline constexpr std::chrono::hours max_hcp_validity{4};
inline constexpr std::chrono::hours max_trc_validity{2};

/// What the policy needs besides the assertions: the transaction, the verification time and,
/// on the network path, the country of the authenticated TLS peer.
struct policy_context {
    transaction tx = transaction::xcpd;
    std::chrono::system_clock::time_point at;
    /// ISO country code of the TLS client certificate; nullopt when there is no TLS peer (CLI).
    std::optional<std::string> tls_peer_country;
};

// Each check returns the first violated rule with the eHDSI code peers expect (§7.4 "Error
// codes from validation"): HCP field/role/facility/time/authn problems → hcp_assertion_invalid
// (ERROR_HPI_GENERIC); TRC/NoK field problems → assertion_not_valid (1001); missing
// permissions or a wrong purpose of use → insufficient_rights (4703); TRC Advice not naming the
// HCP → trc_identity_mismatch (4703).

/// HCP identity assertion: required fields, Version 2.0, time window ±60 s, span ≤ 4 h,
/// two-factor AuthnContextClassRef, subject-id, ISCO role (code and, for XCPD, displayName),
/// facility type, locality, purpose of use TREATMENT/EMERGENCY, the transaction's permissions,
/// organization-id for a discard.
result<void> check_hcp_policy(const assertion& hcp, const policy_context& context);

/// TRC assertion: required fields, Version 2.0, time window, span ≤ 2 h, sender-vouches,
/// PreviousSession, patient subject-id, purpose of use, first Advice/AssertionIDRef = HCP ID.
result<void> check_trc_policy(const assertion& trc, const assertion& hcp,
                              const policy_context& context);

/// Next-of-kin assertion: required fields, Version 2.0, time window, span ≤ 4 h.
result<void> check_nok_policy(const assertion& nok, const policy_context& context);

/// The assertion signer's certificate country must be the TLS peer's country (when known).
/// Errors: `signer_country_mismatch`.
result<void> check_signer_country(std::string_view signer_country, const policy_context& context);

}  // namespace ncpeh::trust::saml
