#pragma once

#include <libxml/tree.h>

#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_l1 {

/// The PDF an eHDSI L1 document embeds (`component/nonXMLBody/text`, mediaType
/// application/pdf, representation B64): the reading side of `write_eprescription_l1`, for a
/// foreign country's L1 shown to a Swedish pharmacist. Errors: `errc::ep_generic` (context
/// "element") when the body is not an embedded PDF, its base64 is broken, or the bytes do not
/// start as a PDF. Pure.
result<std::string> read_embedded_pdf(const xmlNode& clinical_document);

/// Whether the document has a `component/nonXMLBody` (an L1 rendering) rather than a structured
/// body (an L3 pivot). Pure.
bool has_non_xml_body(const xmlNode& clinical_document);

}  // namespace ncpeh::translators::eprescription_l1
