#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"
#include "trust/saml/assertion.hpp"
#include "trust/saml/check_assertion_policy.hpp"
#include "trust/saml/replay_cache.hpp"
#include "trust/saml/verified_assertions.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/x509/verify_certificate.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::trust::saml {

/// The outcome for one assertion of the message.
struct assertion_verdict {
    std::optional<assertion_kind> kind;  ///< nullopt when the assertion could not be read
    std::string id;
    std::optional<error> parse_error;
    /// Signature binding, algorithms, digest/value and signer chain; nullopt = verified.
    std::optional<error> signature_error;
    std::optional<x509::chain_verdict> chain;  ///< set when the signer chain validated
    /// eHDSI rules for the transaction, signer country, replay; nullopt = passed (or not
    /// reached because the signature failed: see `policy_checked`).
    std::optional<error> policy_error;
    bool policy_checked = false;
    bool country_checked = false;  ///< false when no TLS peer country was given

    bool is_valid() const noexcept {
        return !parse_error && !signature_error && policy_checked && !policy_error;
    }
    /// The error that decides this verdict, if any.
    const error* first_error() const noexcept;
};

/// Everything `check_assertions` found, for callers that report per assertion (the CLI, audit).
struct assertions_report {
    /// A message-level failure: wrapping layout, missing HCP/TRC, unusable XML.
    std::optional<error> message_error;
    std::vector<assertion_verdict> assertions;
    /// Set only when the message and every assertion passed.
    std::optional<verified_assertions> verified;

    bool is_valid() const noexcept { return verified.has_value(); }
    /// The error a peer should receive (the first failure in check order).
    error first_error() const;
};

/// Runs every check on the assertions of a SOAP 1.2 envelope or header (`message`):
/// 1. hardened parse; the header layout of `find_header_assertions`;
/// 2. each assertion read into the model and classified by NameQualifier; at most one of each
///    kind; an HCP is required, and a TRC for every transaction but XCPD;
/// 3. each ID registered unchanged and unique (`xmldsig::register_id`);
/// 4. each signature verified and bound to its assertion, signer chained to `store` at
///    `context.at` (`xmldsig::verify_assertion_signature`);
/// 5. the eHDSI policy per kind (`check_*_policy`), signer country = TLS peer country;
/// 6. when everything passed and `replay` is given, each assertion is remembered until
///    NotOnOrAfter + skew; a repeat fails with `assertion_replayed`.
/// Pure apart from the replay cache; thread-safe when `replay` is.
assertions_report check_assertions(std::string_view message, const x509::trust_store& store,
                                   const policy_context& context, replay_cache* replay);

/// `check_assertions` for the request path: the verified assertions or the first error.
result<verified_assertions> verify_assertions(std::string_view message,
                                              const x509::trust_store& store,
                                              const policy_context& context, replay_cache* replay);

/// The same checks on a message already parsed through `xml::parse_document` (the request path
/// parses the envelope once). The assertion IDs get registered in `message`.
assertions_report check_assertions(xml::document& message, const x509::trust_store& store,
                                   const policy_context& context, replay_cache* replay);
result<verified_assertions> verify_assertions(xml::document& message,
                                              const x509::trust_store& store,
                                              const policy_context& context, replay_cache* replay);

}  // namespace ncpeh::trust::saml
