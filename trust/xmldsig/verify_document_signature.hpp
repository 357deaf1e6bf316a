#pragma once

#include <chrono>

#include "trust/error/error.hpp"
#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/signature_verdict.hpp"

namespace ncpeh::trust::xmldsig {

/// Verifies a whole-document enveloped signature (SMP metadata, audit messages): exactly one
/// ds:Signature in the whole document, a direct child of the root element, whose single
/// reference is `URI=""`; reference URIs other than empty are disabled in xmlsec; c14n with or
/// without comments; the signer chains to `store` for `purpose` at `at`.
/// Documents carrying further signatures (the SMP national Extension signature) must be
/// re-rooted by the caller first.
/// Errors: as `verify_assertion_signature`.
result<signature_verdict> verify_document_signature(xml::document& doc,
                                                    const x509::trust_store& store,
                                                    x509::certificate_purpose purpose,
                                                    std::chrono::system_clock::time_point at);

}  // namespace ncpeh::trust::xmldsig
