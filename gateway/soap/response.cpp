#include "gateway/soap/response.hpp"

#include <openssl/rand.h>

#include <stdexcept>

#include "gateway/soap/namespaces.hpp"
#include "trust/xml/escape.hpp"

namespace ncpeh::gateway::soap {

std::string write_envelope(const response_addressing& headers, std::string_view body_xml) {
    using trust::xml::append_escaped;
    std::string out;
    out.reserve(body_xml.size() + 600);
    out += R"(<?xml version="1.0" encoding="UTF-8"?>)";
    out += R"(<env:Envelope xmlns:env=")";
    out += ns::soap12;
    out += R"(" xmlns:wsa=")";
    out += ns::wsa;
    out += R"("><env:Header><wsa:Action env:mustUnderstand="1">)";
    append_escaped(out, headers.action);
    out += "</wsa:Action>";
    if (!headers.relates_to.empty()) {
        out += "<wsa:RelatesTo>";
        append_escaped(out, headers.relates_to);
        out += "</wsa:RelatesTo>";
    }
    out += "<wsa:MessageID>";
    append_escaped(out, headers.message_id);
    out += "</wsa:MessageID></env:Header><env:Body>";
    out += body_xml;
    out += "</env:Body></env:Envelope>";
    return out;
}

std::string make_uuid_urn() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "urn:uuid:";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += hex[bytes[i] >> 4];
        out += hex[bytes[i] & 0x0F];
    }
    return out;
}

}  // namespace ncpeh::gateway::soap
