#include "gateway/soap/fault.hpp"

#include <algorithm>
#include <cctype>

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

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

namespace {

namespace xml = trust::xml;

// Whether `text` looks like an eHDSI/OpenNCP wire code: a legacy number ("4703"), a symbolic
// name ("ERROR_SEC_GENERIC", "WARNING_EP_GENERIC") or an IHE XDS code ("XDSMissingDocument").
bool is_wire_code(std::string_view text) {
    if (text.empty() || text.size() > 64) {
        return false;
    }
    const auto all = [&](auto pred) {
        return std::all_of(text.begin(), text.end(),
                           [&](char c) { return pred(static_cast<unsigned char>(c)); });
    };
    if (all([](unsigned char c) { return std::isdigit(c) != 0; })) {
        return true;
    }
    if (text.starts_with("ERROR_") || text.starts_with("WARNING_")) {
        return all([](unsigned char c) { return std::isupper(c) || std::isdigit(c) || c == '_'; });
    }
    return text.starts_with("XDS") && all([](unsigned char c) { return std::isalnum(c) != 0; });
}

// "4703: insufficient rights" → "4703".
std::string code_opening(std::string_view reason) {
    const auto colon = reason.find(':');
    if (colon == std::string_view::npos) {
        return {};
    }
    std::string_view word = reason.substr(0, colon);
    while (!word.empty() && std::isspace(static_cast<unsigned char>(word.back()))) {
        word.remove_suffix(1);
    }
    return is_wire_code(word) ? std::string(word) : std::string();
}

// The first wire code in a Detail subtree, depth first: an element's text or its code
// attribute.
std::string code_in_detail(const xmlNode& node) {
    for (const xmlNode* child : xml::child_elements(node)) {
        for (const char* name : {"code", "errorCode"}) {
            if (const auto value = xml::attribute(*child, name); value && is_wire_code(*value)) {
                return std::string(*value);
            }
        }
        if (xml::child_elements(*child).empty()) {
            if (auto text = xml::trimmed_text_of(*child); is_wire_code(text)) {
                return text;
            }
        } else if (auto found = code_in_detail(*child); !found.empty()) {
            return found;
        }
    }
    if (xml::child_elements(node).empty()) {
        if (auto text = xml::trimmed_text_of(node); is_wire_code(text)) {
            return text;
        }
    }
    return {};
}

// A fault code QName ("env:Receiver") as its local name when its prefix names SOAP 1.2;
// otherwise as written.
std::string fault_code_name(const xmlNode& value) {
    std::string text = xml::trimmed_text_of(value);
    const auto colon = text.find(':');
    const std::string prefix = colon == std::string::npos ? std::string() : text.substr(0, colon);
    auto* node = const_cast<xmlNode*>(&value);
    const xmlNs* bound =
        xmlSearchNs(node->doc, node,
                    prefix.empty() ? nullptr : reinterpret_cast<const xmlChar*>(prefix.c_str()));
    if (bound != nullptr && bound->href != nullptr &&
        reinterpret_cast<const char*>(bound->href) == ns::soap12) {
        return colon == std::string::npos ? text : text.substr(colon + 1);
    }
    return text;
}

// The Reason text to show: the English one when several languages are given.
std::string reason_text(const xmlNode& reason) {
    const auto texts = xml::children(reason, ns::soap12, "Text");
    for (const xmlNode* text : texts) {
        xmlChar* lang = xmlNodeGetLang(text);
        const bool english = lang != nullptr && (lang[0] == 'e' || lang[0] == 'E') &&
                             (lang[1] == 'n' || lang[1] == 'N');
        xmlFree(lang);
        if (english) {
            return xml::trimmed_text_of(*text);
        }
    }
    return texts.empty() ? std::string() : xml::trimmed_text_of(*texts.front());
}

}  // namespace

std::optional<error> fault_of(const envelope& env) {
    const xmlNode& fault = env.body_root();
    if (!xml::is_element(fault, ns::soap12, "Fault")) {
        return std::nullopt;
    }
    std::string code = "unknown";
    std::string subcode;
    if (const xmlNode* code_element = xml::first_child(fault, ns::soap12, "Code")) {
        if (const xmlNode* value = xml::first_child(*code_element, ns::soap12, "Value")) {
            code = fault_code_name(*value);
        }
        if (const xmlNode* sub =
                xml::find_path(*code_element, {{ns::soap12, "Subcode"}, {ns::soap12, "Value"}})) {
            subcode = xml::trimmed_text_of(*sub);
        }
    }
    std::string reason;
    if (const xmlNode* reason_element = xml::first_child(fault, ns::soap12, "Reason")) {
        reason = reason_text(*reason_element);
    }
    std::string remote_code = code_opening(reason);
    if (remote_code.empty()) {
        if (const xmlNode* detail = xml::first_child(fault, ns::soap12, "Detail")) {
            remote_code = code_in_detail(*detail);
        }
    }
    if (remote_code.empty()) {
        remote_code = code;
    }
    constexpr std::size_t shown = 300;
    if (reason.size() > shown) {
        reason.resize(shown);
        reason += "…";
    }
    error out = make_error(errc::foreign_ncp_refused,
                           reason.empty() ? std::string("the partner answered with a SOAP fault")
                                          : "the partner answered with a SOAP fault: " + reason);
    out.with("remote_code", std::move(remote_code)).with("fault_code", std::move(code));
    if (!subcode.empty()) {
        out.with("fault_subcode", std::move(subcode));
    }
    if (const xmlNode* role = xml::first_child(fault, ns::soap12, "Role")) {
        out.with("fault_role", xml::trimmed_text_of(*role));
    }
    return out;
}

}  // namespace ncpeh::gateway::soap
