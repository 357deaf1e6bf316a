#pragma once

#include <string_view>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/algorithms.hpp"
#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::trust::xmldsig {

/// Signs the whole document: an enveloped ds:Signature appended as the last child of the root,
/// `URI=""`, enveloped-signature + `c14n_method` (`c14n` for SMP metadata, `exc_c14n`
/// otherwise), RSA/ECDSA-SHA256, SHA-256, certificate in KeyInfo.
/// Errors: `errc::internal` (xmlsec), `errc::invalid_argument` (unsupported c14n method).
result<void> sign_document(xml::document& doc, const signing_credential& credential,
                           std::string_view c14n_method = c14n);

}  // namespace ncpeh::trust::xmldsig
