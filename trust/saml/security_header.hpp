#pragma once

#include <libxml/tree.h>

#include <vector>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::trust::saml {

/// Finds the SAML assertions of a SOAP 1.2 message (root `Envelope`) or of a bare SOAP `Header`
/// (root `Header`, as captured samples are), enforcing the positions that defeat signature
/// wrapping (trust-audit-operations.md §3.2, §3.4):
/// * exactly one wsse:Security element in the whole document, a direct child of the Header;
/// * its element children are saml2:Assertion elements only, at most three;
/// * no saml2:Assertion anywhere else in the document (not in the Body, not nested in another
///   assertion's Advice, not in another header);
/// * no comment or processing instruction inside an assertion (exclusive c14n leaves them out
///   of the digest, so they would be content nobody signed).
/// Returns the assertions in document order (mutable: their IDs get registered).
/// Errors: `signature_binding_invalid` naming the violated rule, `hcp_assertion_missing` when
/// the header carries no assertion at all, `xml_missing_element` when there is no SOAP header.
result<std::vector<xmlNode*>> find_header_assertions(xml::document& doc);

}  // namespace ncpeh::trust::saml
