#include "gateway/ihe/instance_id.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace xml = trust::xml;

instance_id instance_id_of(const xmlNode& element) {
    return {std::string(xml::attribute(element, "root").value_or("")),
            std::string(xml::attribute(element, "extension").value_or(""))};
}

void append_instance_id(std::string& out, std::string_view element, const instance_id& id) {
    using trust::xml::append_escaped;
    out += '<';
    out += element;
    out += " root=\"";
    append_escaped(out, id.root);
    out += '"';
    if (!id.extension.empty()) {
        out += " extension=\"";
        append_escaped(out, id.extension);
        out += '"';
    }
    out += "/>";
}

}  // namespace ncpeh::gateway::ihe
