#include "gateway/soap/xop.hpp"

#include "trust/encoding/base64.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::soap {

namespace ns = trust::xml::ns;

result<std::string> binary_content(const xmlNode& element, const multipart_related* message) {
    namespace xml = trust::xml;
    if (const xmlNode* include = xml::first_child(element, ns::xop, "Include")) {
        const auto href = xml::attribute(*include, "href");
        if (!href) {
            return make_error(errc::mtom_malformed, "xop:Include without href");
        }
        auto cid = content_id_of_cid_url(*href);
        if (!cid) {
            return cid.error();
        }
        if (message == nullptr) {
            return make_error(errc::mtom_malformed, "xop:Include in a message that is not MTOM");
        }
        const mime_part* part = message->find(*cid);
        if (part == nullptr) {
            return make_error(errc::mtom_malformed, "xop:Include names a missing MIME part")
                .with("cid", *cid);
        }
        return part->body;
    }
    auto decoded = trust::encoding::base64_decode(xml::text_of(element));
    if (!decoded) {
        return make_error(errc::mtom_malformed, "element content is not valid base64")
            .with("element", std::string(xml::local_name(element)));
    }
    return std::move(*decoded);
}

}  // namespace ncpeh::gateway::soap
