#include "gateway/soap/fault.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::soap {

namespace ns = trust::xml::ns;

fault_code fault_code_of(const error& e) noexcept {
    switch (e.code) {
        case errc::soap_version_mismatch:
            return fault_code::version_mismatch;
        case errc::soap_must_understand:
            return fault_code::must_understand;
        case errc::national_store_unreachable:
        case errc::national_data_access_failure:
        case errc::internal:
        case errc::not_available_yet:
            return fault_code::receiver;
        default:
            return fault_code::sender;
    }
}

unsigned http_status_of(fault_code code) noexcept {
    return code == fault_code::sender ? 400U : 500U;
}

std::string write_fault(const error& e, response_addressing headers) {
    using trust::xml::append_escaped;
    const fault_code code = fault_code_of(e);
    if (headers.action.empty()) {
        headers.action = "http://www.w3.org/2005/08/addressing/soap/fault";
    }
    std::string out = R"(<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env=")";
    out += ns::soap12;
    out += R"(" xmlns:wsa=")";
    out += ns::wsa;
    out += R"("><env:Header>)";
    if (code == fault_code::version_mismatch) {
        out += R"(<env:Upgrade><env:SupportedEnvelope qname="env:Envelope"/></env:Upgrade>)";
    }
    out += "<wsa:Action>";
    append_escaped(out, headers.action);
    out += "</wsa:Action>";
    if (!headers.relates_to.empty()) {
        out += "<wsa:RelatesTo>";
        append_escaped(out, headers.relates_to);
        out += "</wsa:RelatesTo>";
    }
    if (!headers.message_id.empty()) {
        out += "<wsa:MessageID>";
        append_escaped(out, headers.message_id);
        out += "</wsa:MessageID>";
    }
    out += "</env:Header><env:Body><env:Fault><env:Code><env:Value>";
    switch (code) {
        case fault_code::version_mismatch:
            out += "env:VersionMismatch";
            break;
        case fault_code::must_understand:
            out += "env:MustUnderstand";
            break;
        case fault_code::sender:
            out += "env:Sender";
            break;
        case fault_code::receiver:
            out += "env:Receiver";
            break;
    }
    out += R"(</env:Value></env:Code><env:Reason><env:Text xml:lang="en">)";
    append_escaped(out, ehdsi_code(e.code));
    out += ": ";
    append_escaped(out, message_for_partner(e));
    out += "</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";
    return out;
}

}  // namespace ncpeh::gateway::soap
