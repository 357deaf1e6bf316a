#pragma once

#include <string>
#include <string_view>

#include "gateway/soap/message.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::soap {

/// WS-Addressing headers of a response (ehdsi-protocol.md §1): the response action, RelatesTo
/// the request's MessageID, and a fresh MessageID. No WS-Security header in responses.
struct response_addressing {
    std::string action;
    std::string relates_to;
    std::string message_id;
};

/// A SOAP 1.2 envelope around `body_xml`, which must be one serialised element without an XML
/// declaration (namespace declarations carried on it).
std::string write_envelope(const response_addressing& headers, std::string_view body_xml);

/// A SOAP answer as received over HTTP (see `decoded_message`).
using decoded_response = decoded_message;

/// Decodes an HTTP response body by its Content-Type header (`decode_message`), plain SOAP 1.2
/// or MTOM. wsa:Action may be missing (faults); whether the action, RelatesTo or a fault is
/// acceptable is the caller's decision (`fault_of`).
result<decoded_response> decode_response(std::string_view content_type_header,
                                         std::string_view body,
                                         const trust::xml::parse_limits& limits);

/// A random `urn:uuid:` (version 4) for MessageIDs and document ids.
std::string make_uuid_urn();

}  // namespace ncpeh::gateway::soap
