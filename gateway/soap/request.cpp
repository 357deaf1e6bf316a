#include "gateway/soap/request.hpp"

namespace ncpeh::gateway::soap {

result<decoded_request> decode_request(std::string_view content_type_header, std::string_view body,
                                       const trust::xml::parse_limits& limits) {
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
        auto env = parse_envelope(root.body, limits);
        if (!env) {
            return env.error();
        }
        return decoded_request{std::move(*mime), std::move(*env)};
    }
    if (type->media_type == "text/xml") {
        return make_error(errc::soap_version_mismatch,
                          "text/xml is SOAP 1.1; send application/soap+xml (SOAP 1.2)");
    }
    if (type->media_type != "application/soap+xml") {
        return make_error(errc::soap_malformed, "unsupported Content-Type " + type->media_type);
    }
    auto env = parse_envelope(body, limits);
    if (!env) {
        return env.error();
    }
    return decoded_request{std::nullopt, std::move(*env)};
}

}  // namespace ncpeh::gateway::soap
