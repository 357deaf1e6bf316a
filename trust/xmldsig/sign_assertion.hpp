#pragma once

#include <libxml/tree.h>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"
#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::trust::xmldsig {

/// Signs a SAML assertion as eHDSI peers expect (ehdsi-protocol.md §7.3): enveloped ds:Signature
/// right after saml2:Issuer, `URI="#" + ID`, enveloped-signature + exclusive c14n
/// (InclusiveNamespaces "xsd"), exc-c14n SignedInfo, RSA-SHA256 (ECDSA-SHA256 for an EC key),
/// SHA-256, the credential's certificate in KeyInfo/X509Data. Registers the ID (`register_id`).
/// Errors: `signature_binding_invalid` (bad or duplicate ID, no Issuer), `internal` (xmlsec).
result<void> sign_assertion(xml::document& doc, xmlNode& assertion,
                            const signing_credential& credential);

}  // namespace ncpeh::trust::xmldsig
