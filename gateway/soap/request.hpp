#pragma once

#include <optional>
#include <string_view>

#include "gateway/soap/envelope.hpp"
#include "gateway/soap/multipart.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::soap {

/// A SOAP request as received over HTTP: the envelope, plus the MIME parts when it came as MTOM
/// (needed to resolve xop:Include). Both plain SOAP and MTOM are accepted on every endpoint
/// (ehdsi-protocol.md §8).
struct decoded_request {
    std::optional<multipart_related> mime;  ///< set for multipart/related requests
    soap::envelope envelope;

    const multipart_related* attachments() const { return mime ? &*mime : nullptr; }
};

/// Decodes an HTTP request body by its Content-Type header: application/soap+xml (plain SOAP
/// 1.2) or multipart/related with an application/xop+xml root part (MTOM). text/xml is SOAP 1.1
/// and gives errc::soap_version_mismatch; other types errc::soap_malformed.
result<decoded_request> decode_request(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits);

}  // namespace ncpeh::gateway::soap
