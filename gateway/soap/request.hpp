#pragma once

#include <string>
#include <string_view>

#include "gateway/soap/envelope.hpp"
#include "gateway/soap/message.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::soap {

/// A SOAP request as received over HTTP (see `decoded_message`).
using decoded_request = decoded_message;

/// Decodes an HTTP request body by its Content-Type header (`decode_message`): the envelope must
/// carry wsa:Action.
result<decoded_request> decode_request(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits);

/// The WS-Addressing address of a synchronous reply: "answer on this HTTP connection".
inline constexpr std::string_view anonymous_address =
    "http://www.w3.org/2005/08/addressing/anonymous";

/// A SOAP 1.2 request envelope as OpenNCP peers expect it (ehdsi-protocol.md §1): wsa:Action
/// with env:mustUnderstand="1", then wsa:MessageID, wsa:To and wsa:ReplyTo/wsa:Address when set
/// in `headers` (callers use `anonymous_address`), then `security_xml` verbatim (a
/// `<wsse:Security>` from `write_security_header`, without mustUnderstand: §10; may be empty),
/// and `body_xml` — one serialised element without an XML declaration, its namespace
/// declarations carried on it — as the Body.
std::string write_request_envelope(const addressing& headers, std::string_view security_xml,
                                   std::string_view body_xml);

}  // namespace ncpeh::gateway::soap
