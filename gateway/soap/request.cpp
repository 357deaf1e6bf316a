#include "gateway/soap/request.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::soap {

namespace ns = trust::xml::ns;

result<decoded_request> decode_request(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits) {
    return decode_message(content_type_header, body, limits, message_direction::request);
}

std::string write_request_envelope(const addressing& headers, std::string_view security_xml,
                                   std::string_view body_xml) {
    using trust::xml::append_escaped;
    std::string out;
    out.reserve(body_xml.size() + security_xml.size() + 800);
    out += R"(<?xml version="1.0" encoding="UTF-8"?>)";
    out += R"(<env:Envelope xmlns:env=")";
    out += ns::soap12;
    out += R"(" xmlns:wsa=")";
    out += ns::wsa;
    out += R"("><env:Header><wsa:Action env:mustUnderstand="1">)";
    append_escaped(out, headers.action);
    out += "</wsa:Action>";
    if (!headers.message_id.empty()) {
        out += "<wsa:MessageID>";
        append_escaped(out, headers.message_id);
        out += "</wsa:MessageID>";
    }
    if (!headers.to.empty()) {
        out += "<wsa:To>";
        append_escaped(out, headers.to);
        out += "</wsa:To>";
    }
    if (!headers.reply_to.empty()) {
        out += "<wsa:ReplyTo><wsa:Address>";
        append_escaped(out, headers.reply_to);
        out += "</wsa:Address></wsa:ReplyTo>";
    }
    // The signed assertions go out byte for byte: re-serialising them could break their
    // signatures (exclusive C14N covers the assertion, not this envelope).
    out += security_xml;
    out += "</env:Header><env:Body>";
    out += body_xml;
    out += "</env:Body></env:Envelope>";
    return out;
}

}  // namespace ncpeh::gateway::soap
