#include "gateway/soap/envelope_text.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::soap {

namespace ns = trust::xml::ns;

void append_envelope_start(std::string& out, std::string_view action) {
    out += R"(<?xml version="1.0" encoding="UTF-8"?>)";
    out += R"(<env:Envelope xmlns:env=")";
    out += ns::soap12;
    out += R"(" xmlns:wsa=")";
    out += ns::wsa;
    out += R"("><env:Header><wsa:Action env:mustUnderstand="1">)";
    trust::xml::append_escaped(out, action);
    out += "</wsa:Action>";
}

void append_addressing_header(std::string& out, std::string_view element, std::string_view value) {
    out += "<wsa:";
    out += element;
    out += '>';
    trust::xml::append_escaped(out, value);
    out += "</wsa:";
    out += element;
    out += '>';
}

void append_envelope_end(std::string& out, std::string_view body_xml) {
    out += "</env:Header><env:Body>";
    out += body_xml;
    out += "</env:Body></env:Envelope>";
}

}  // namespace ncpeh::gateway::soap
