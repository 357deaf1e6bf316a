#pragma once

#include <libxml/tree.h>

#include <string_view>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::trust::xmldsig {

/// Builds an enveloped ds:Signature template referencing `uri` (SHA-256, enveloped-signature +
/// `c14n_method` transforms, RSA- or ECDSA-SHA256 by key type, KeyInfo/X509Data with the
/// credential's certificate), inserts it under `parent` after `after` (or as the last child when
/// `after` is null) and signs it. Used by `sign_assertion` and `sign_document`.
/// Errors: `errc::internal` when xmlsec fails (its message in the context).
result<void> sign_with_template(xml::document& doc, xmlNode& parent, xmlNode* after,
                                std::string_view uri, std::string_view c14n_method,
                                const signing_credential& credential);

}  // namespace ncpeh::trust::xmldsig
