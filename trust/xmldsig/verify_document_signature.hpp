#pragma once

#include <chrono>

#include "trust/error/error.hpp"
#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/signature_verdict.hpp"

namespace ncpeh::trust::xmldsig {

/// Verifies a whole-document enveloped signature (SMP metadata, audit messages): exactly one
/// ds:Signature as a direct child of the root element, whose single reference is `URI=""`;
/// reference URIs other than empty are disabled in xmlsec; c14n with or without comments; the
/// signer chains to `store` for `purpose` at `at`. Signatures nested deeper (the national
/// Extension signature inside SMP ServiceMetadata) are covered as content; to verify such an
/// inner signature, parse its subtree as a document of its own and call this again.
/// Errors: as `verify_assertion_signature`.
result<signature_verdict> verify_document_signature(xml::document& doc,
                                                    const x509::trust_store& store,
                                                    x509::certificate_purpose purpose,
                                                    std::chrono::system_clock::time_point at);

}  // namespace ncpeh::trust::xmldsig
