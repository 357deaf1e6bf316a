#pragma once

#include <string>
#include <string_view>

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

/// A random `urn:uuid:` (version 4) for MessageIDs and document ids.
std::string make_uuid_urn();

}  // namespace ncpeh::gateway::soap
