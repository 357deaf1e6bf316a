#include "gateway/soap/envelope.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::soap {

namespace ns = trust::xml::ns;

namespace {

namespace xml = trust::xml;

bool is_must_understand(const xmlNode& block) {
    const auto flag = xml::attribute(block, ns::soap12, "mustUnderstand");
    return flag && (*flag == "1" || *flag == "true");
}

// Header blocks this gateway processes; any other block with mustUnderstand is a fault
// (SOAP 1.2 part 1 §5.2.3).
bool is_understood(const xmlNode& block) {
    const auto uri = xml::namespace_uri(block);
    return uri == ns::wsa || uri == ns::wsse;
}

}  // namespace

result<envelope> parse_envelope(std::string_view text, const xml::parse_limits& limits) {
    auto env = parse_response_envelope(text, limits);
    if (env && env->headers().action.empty()) {
        return make_error(errc::soap_malformed, "the wsa:Action header is missing");
    }
    return env;
}

result<envelope> parse_response_envelope(std::string_view text, const xml::parse_limits& limits) {
    auto parsed = xml::parse_document(text, limits);
    if (!parsed) {
        return parsed.error();
    }
    envelope env(std::move(*parsed));
    const xmlNode& root = env.document_.root();
    if (xml::local_name(root) != "Envelope" || xml::namespace_uri(root) != ns::soap12) {
        if (xml::local_name(root) == "Envelope" && xml::namespace_uri(root) == ns::soap11) {
            return make_error(errc::soap_version_mismatch,
                              "SOAP 1.1 envelope received; only SOAP 1.2 is supported");
        }
        return make_error(errc::soap_malformed, "root element is not a SOAP 1.2 Envelope")
            .with("element", std::string(xml::local_name(root)));
    }
    const auto headers = xml::children(root, ns::soap12, "Header");
    const auto bodies = xml::children(root, ns::soap12, "Body");
    if (headers.size() > 1) {
        return make_error(errc::soap_malformed, "envelope has more than one Header");
    }
    if (bodies.size() != 1) {
        return make_error(errc::soap_malformed, "envelope must have exactly one Body");
    }
    const auto body_children = xml::child_elements(*bodies.front());
    if (body_children.size() != 1) {
        return make_error(errc::soap_malformed, "Body must contain exactly one element")
            .with("elements", std::to_string(body_children.size()));
    }
    env.body_root_ = body_children.front();

    if (!headers.empty()) {
        env.header_ = headers.front();
        for (const xmlNode* block : xml::child_elements(*env.header_)) {
            if (is_must_understand(*block) && !is_understood(*block)) {
                return make_error(errc::soap_must_understand,
                                  "header block marked mustUnderstand is not understood")
                    .with("element", std::string(xml::local_name(*block)))
                    .with("namespace", std::string(xml::namespace_uri(*block)));
            }
            if (xml::is_element(*block, ns::wsse, "Security")) {
                if (env.security_ == nullptr) {
                    env.security_ = block;
                }
                ++env.security_count_;
            } else if (xml::is_element(*block, ns::wsa, "Action")) {
                env.addressing_.action = xml::trimmed_text_of(*block);
            } else if (xml::is_element(*block, ns::wsa, "MessageID")) {
                env.addressing_.message_id = xml::trimmed_text_of(*block);
            } else if (xml::is_element(*block, ns::wsa, "RelatesTo")) {
                env.addressing_.relates_to = xml::trimmed_text_of(*block);
            } else if (xml::is_element(*block, ns::wsa, "To")) {
                env.addressing_.to = xml::trimmed_text_of(*block);
            } else if (xml::is_element(*block, ns::wsa, "ReplyTo")) {
                if (const xmlNode* address = xml::first_child(*block, ns::wsa, "Address")) {
                    env.addressing_.reply_to = xml::trimmed_text_of(*address);
                }
            }
        }
    }
    return env;
}

}  // namespace ncpeh::gateway::soap
