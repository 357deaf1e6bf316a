#include "gateway/soap/request.hpp"

#include "gateway/soap/envelope_text.hpp"

namespace ncpeh::gateway::soap {

result<decoded_request> decode_request(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits) {
    return decode_message(content_type_header, body, limits, message_direction::request);
}

std::string write_request_envelope(const addressing& headers, std::string_view security_xml,
                                   std::string_view body_xml) {
    std::string out;
    out.reserve(body_xml.size() + security_xml.size() + 800);
    append_envelope_start(out, headers.action);
    if (!headers.message_id.empty()) {
        append_addressing_header(out, "MessageID", headers.message_id);
    }
    if (!headers.to.empty()) {
        append_addressing_header(out, "To", headers.to);
    }
    if (!headers.reply_to.empty()) {
        out += "<wsa:ReplyTo>";
        append_addressing_header(out, "Address", headers.reply_to);
        out += "</wsa:ReplyTo>";
    }
    // The signed assertions go out byte for byte: re-serialising them could break their
    // signatures (exclusive C14N covers the assertion, not this envelope).
    out += security_xml;
    append_envelope_end(out, body_xml);
    return out;
}

}  // namespace ncpeh::gateway::soap
