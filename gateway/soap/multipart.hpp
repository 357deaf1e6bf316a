#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::soap {

/// A parsed HTTP/MIME Content-Type: lower-case media type and parameters (keys lower-case,
/// values unquoted).
struct content_type {
    std::string media_type;
    std::map<std::string, std::string, std::less<>> parameters;

    std::string_view parameter(std::string_view name) const;
};

result<content_type> parse_content_type(std::string_view header);

/// One MIME part. `content_id` has its angle brackets removed.
struct mime_part {
    std::string content_type;
    std::string content_id;
    std::string body;
};

/// A multipart/related message (MTOM/XOP, ehdsi-protocol.md §8).
struct multipart_related {
    std::vector<mime_part> parts;
    std::size_t root = 0;  ///< index of the root part (by the `start` parameter, else the first)

    const mime_part& root_part() const { return parts[root]; }
    /// The part whose Content-ID equals `cid` (already percent-decoded), or nullptr.
    const mime_part* find(std::string_view cid) const;
};

/// Splits a multipart/related body. Accepts CRLF and bare LF line ends, transport padding,
/// binary/8bit/7bit and base64 transfer encodings; anything else is errc::mtom_malformed, and so
/// are two parts with the same Content-ID (which of them an xop:Include names would be a guess).
result<multipart_related> parse_multipart_related(const content_type& type, std::string_view body);

/// An MTOM message ready to send: the HTTP Content-Type header value and the body.
struct mtom_message {
    std::string content_type;
    std::string body;
};

/// Packages `soap_xml` as the root part of an MTOM (multipart/related, application/xop+xml)
/// message, followed by `attachments` (raw bytes, Content-Transfer-Encoding binary).
/// `action` goes into the start-info's action parameter as SOAP 1.2 over HTTP expects.
mtom_message write_mtom(std::string_view soap_xml, std::string_view action,
                        const std::vector<mime_part>& attachments = {});

/// RFC 2392: the Content-ID named by a `cid:` URL (percent-decoded), or an error.
result<std::string> content_id_of_cid_url(std::string_view url);

}  // namespace ncpeh::gateway::soap
