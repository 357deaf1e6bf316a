#pragma once

#include <string>
#include <string_view>

namespace ncpeh::gateway::soap {

// The text of a SOAP 1.2 envelope with WS-Addressing headers, shared by the request writer
// (country B) and the response writer (country A).

/// The XML declaration, `<env:Envelope>` declaring env and wsa, `<env:Header>` and the
/// `<wsa:Action env:mustUnderstand="1">` header.
void append_envelope_start(std::string& out, std::string_view action);

/// `<wsa:ELEMENT>value</wsa:ELEMENT>`, the value escaped.
void append_addressing_header(std::string& out, std::string_view element, std::string_view value);

/// `</env:Header><env:Body>` + `body_xml` + `</env:Body></env:Envelope>`.
void append_envelope_end(std::string& out, std::string_view body_xml);

}  // namespace ncpeh::gateway::soap
