#pragma once

#include <libxml/tree.h>

#include <chrono>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/algorithms.hpp"
#include "trust/xmldsig/signature_verdict.hpp"

namespace ncpeh::trust::xmldsig {

/// The common core of assertion and whole-document verification, in this order:
/// 1. `inspect_signature` (structure, allow-list, one X509Certificate);
/// 2. the single reference URI must equal `expected_uri`;
/// 3. the certificate is validated for `purpose` against `store` at `at` (x509);
/// 4. xmlsec checks digest and signature value with exactly that certificate's key — KeyInfo
///    is never used to find a key, reference URIs are limited to same-document (or empty) and
///    only allow-listed transforms are enabled;
/// 5. exactly one reference was processed, with `expected_uri`, and it succeeded.
/// The caller checks what the URI resolves to (ID registration, element position).
/// Errors: as `inspect_signature`, `verify_certificate`, or `signature_invalid`.
result<signature_verdict> verify_signature_element(xml::document& doc, xmlNode& signature,
                                                   std::string_view expected_uri,
                                                   const signature_profile& profile,
                                                   const x509::trust_store& store,
                                                   x509::certificate_purpose purpose,
                                                   std::chrono::system_clock::time_point at);

}  // namespace ncpeh::trust::xmldsig
