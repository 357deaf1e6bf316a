#pragma once

#include <libxml/tree.h>

#include "trust/error/error.hpp"
#include "trust/saml/assertion.hpp"

namespace ncpeh::trust::saml {

/// Reads a saml2:Assertion element into the typed model WITHOUT verifying anything: no
/// signature, no policy. The result is for `check_*_policy` and diagnostics; a request handler
/// uses only `verified_assertions`, which `verify_assertions` builds after every check.
/// The element must come from `trust::xml::parse_document`. Elements and attributes are matched
/// by namespace and local name; Role/PurposeOfUse are accepted prefixed or with a default
/// namespace.
/// Errors: `hcp_assertion_invalid` (HCP) or `assertion_not_valid` (TRC/NoK) when a field is
/// present but unreadable (e.g. a malformed instant); `assertion_not_valid` when the element is
/// not an assertion or its Issuer/@NameQualifier is not one of the eHDSI kinds.
result<assertion> parse_unverified_assertion(const xmlNode& element);

}  // namespace ncpeh::trust::saml
