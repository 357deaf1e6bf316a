#pragma once

#include <optional>
#include <string_view>

#include "gateway/soap/envelope.hpp"
#include "gateway/soap/multipart.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::soap {

/// A SOAP 1.2 message as carried in an HTTP body, request or response: the envelope, plus the
/// MIME parts when it came as MTOM (needed to resolve xop:Include). Both plain SOAP and MTOM are
/// accepted in both directions (ehdsi-protocol.md §8).
struct decoded_message {
    std::optional<multipart_related> mime;  ///< set for multipart/related messages
    soap::envelope envelope;

    const multipart_related* attachments() const { return mime ? &*mime : nullptr; }
};

/// Which envelope rules a message is held to: a request must carry wsa:Action
/// (`parse_envelope`), a response may lack it (`parse_response_envelope`).
enum class message_direction { request, response };

/// Decodes an HTTP body by its Content-Type header: application/soap+xml (plain SOAP 1.2) or
/// multipart/related with an application/xop+xml root part (MTOM). text/xml is SOAP 1.1 and
/// gives errc::soap_version_mismatch; other types errc::soap_malformed; a broken MIME message
/// errc::mtom_malformed, and so is an xop:Include that names no part of the message; the
/// envelope's own errors as its parser reports them.
result<decoded_message> decode_message(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits,
                                       message_direction direction);

}  // namespace ncpeh::gateway::soap
