#pragma once

#include <libxml/tree.h>

#include <chrono>

#include "trust/error/error.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/signature_verdict.hpp"

namespace ncpeh::trust::xmldsig {

/// Verifies the enveloped signature of one SAML assertion, binding it to that assertion:
/// * the assertion's `ID` must already be registered (`register_id`) and resolve to it;
/// * exactly one ds:Signature, a direct child of the assertion;
/// * the single reference is `"#" + ID`, and after verification the ID still resolves to the
///   assertion (so the digest covered the element the caller consumes);
/// * the signer chains to `store` (kind `assertion_signatures`) at `at`, with signing key usage.
/// The caller is responsible for where the assertion sits in the message (`trust::saml`).
/// Errors: `signature_binding_invalid`, `signature_algorithm_forbidden`,
/// `signature_key_untrusted`, `signature_invalid`, `certificate_*`.
result<signature_verdict> verify_assertion_signature(xml::document& doc, xmlNode& assertion,
                                                     const x509::trust_store& store,
                                                     std::chrono::system_clock::time_point at);

}  // namespace ncpeh::trust::xmldsig
