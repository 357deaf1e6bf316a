#include "gateway/ihe/registry_response.hpp"

#include "gateway/ihe/registry_error_list.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

std::string write_registry_response(std::span<const error> errors,
                                    std::string_view home_community_id) {
    std::string out = R"(<rs:RegistryResponse xmlns:rs=")";
    out += ns::rs;
    out += R"(" status=")";
    out += status_uri(status_of(errors, false));
    out += "\">";
    append_registry_error_list(out, errors, "urn:oid:" + std::string(home_community_id));
    out += "</rs:RegistryResponse>";
    return out;
}

result<registry_answer> parse_registry_response(const xmlNode& body_root) {
    namespace xml = trust::xml;
    if (!xml::is_element(body_root, ns::rs, "RegistryResponse")) {
        return make_error(errc::foreign_ncp_answer_invalid,
                          "XDR response: the body is not an rs:RegistryResponse")
            .with("element", std::string(xml::local_name(body_root)));
    }
    return read_registry_answer(body_root);
}

}  // namespace ncpeh::gateway::ihe
