#include "gateway/ihe/registry_response.hpp"

#include "gateway/ihe/registry_error_list.hpp"
#include "trust/xml/namespaces.hpp"

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

}  // namespace ncpeh::gateway::ihe
