#include "gateway/soap/message.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::soap {

namespace {

// Every xop:Include in the message names a part it carries: one that names nothing is a broken
// message wherever it stands, even where no reader would look (MTOM, ehdsi-protocol.md §8).
result<void> check_includes_resolve(const xmlNode* node, const multipart_related* mime) {
    for (; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (trust::xml::is_element(*node, trust::xml::ns::xop, "Include")) {
            if (mime == nullptr) {
                return make_error(errc::mtom_malformed,
                                  "xop:Include in a message that has no MIME parts");
            }
            auto cid = content_id_of_cid_url(trust::xml::attribute(*node, "href").value_or(""));
            if (!cid) {
                return cid.error();
            }
            if (mime->find(*cid) == nullptr) {
                return make_error(errc::mtom_malformed, "xop:Include names a missing MIME part")
                    .with("href", std::string(trust::xml::attribute(*node, "href").value_or("")));
            }
        }
        auto inner = check_includes_resolve(node->children, mime);
        if (!inner) {
            return inner;
        }
    }
    return {};
}

result<envelope> parse_as(std::string_view xml, const trust::xml::parse_limits& limits,
                          message_direction direction) {
    return direction == message_direction::request ? parse_envelope(xml, limits)
                                                   : parse_response_envelope(xml, limits);
}

}  // namespace

result<decoded_message> decode_message(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits,
                                       message_direction direction) {
    auto type = parse_content_type(content_type_header);
    if (!type) {
        return make_error(errc::soap_malformed, "unreadable Content-Type header");
    }
    if (type->media_type == "multipart/related") {
        auto mime = parse_multipart_related(*type, body);
        if (!mime) {
            return mime.error();
        }
        const mime_part& root = mime->root_part();
        if (!root.content_type.starts_with("application/xop+xml") &&
            !root.content_type.starts_with("application/soap+xml")) {
            return make_error(errc::mtom_malformed, "the root MIME part is not application/xop+xml")
                .with("content_type", root.content_type);
        }
        auto env = parse_as(root.body, limits, direction);
        if (!env) {
            return env.error();
        }
        auto resolved = check_includes_resolve(&env->document().root(), &*mime);
        if (!resolved) {
            return resolved.error();
        }
        return decoded_message{std::move(*mime), std::move(*env)};
    }
    if (type->media_type == "text/xml") {
        return make_error(errc::soap_version_mismatch,
                          "text/xml is SOAP 1.1; send application/soap+xml (SOAP 1.2)");
    }
    if (type->media_type != "application/soap+xml") {
        return make_error(errc::soap_malformed, "unsupported Content-Type " + type->media_type);
    }
    auto env = parse_as(body, limits, direction);
    if (!env) {
        return env.error();
    }
    auto resolved = check_includes_resolve(&env->document().root(), nullptr);
    if (!resolved) {
        return resolved.error();
    }
    return decoded_message{std::nullopt, std::move(*env)};
}

}  // namespace ncpeh::gateway::soap
