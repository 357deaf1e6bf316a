#pragma once

#include <libxml/tree.h>

#include <string_view>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::trust::xmldsig {

/// Registers the no-namespace attribute `name` of `element` (e.g. an assertion's `ID`) as an XML
/// ID of `doc`, so that a reference "#value" resolves to exactly this element. The value is
/// never rewritten (OpenNCP's `urn:uuid:` rewriting breaks signatures); instead:
/// * the value must be an NCName (xs:ID);
/// * no other element of the document may carry an ID-like attribute (`ID`, `Id`, `id`,
///   `wsu:Id`) with the same value, and the value must not be registered already.
/// Errors: `signature_binding_invalid` (missing, non-NCName or duplicate ID).
result<void> register_id(xml::document& doc, xmlNode& element, std::string_view name);

}  // namespace ncpeh::trust::xmldsig
