#include "gateway/ihe/registry_object.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

std::optional<std::vector<std::string>> slot_values(const xmlNode& object, std::string_view name) {
    for (const xmlNode* slot : xml::children(object, ns::rim, "Slot")) {
        if (xml::attribute(*slot, "name") != name) {
            continue;
        }
        std::vector<std::string> values;
        if (const xmlNode* list = xml::first_child(*slot, ns::rim, "ValueList")) {
            for (const xmlNode* value : xml::children(*list, ns::rim, "Value")) {
                values.push_back(xml::trimmed_text_of(*value));
            }
        }
        return values;
    }
    return std::nullopt;
}

std::optional<std::string> first_slot_value(const xmlNode& object, std::string_view name) {
    auto values = slot_values(object, name);
    if (!values || values->empty()) {
        return std::nullopt;
    }
    return std::move(values->front());
}

const xmlNode* find_classification(const xmlNode& object, std::string_view scheme) noexcept {
    for (const xmlNode* child = object.children; child != nullptr; child = child->next) {
        if (xml::is_element(*child, ns::rim, "Classification") &&
            xml::attribute(*child, "classificationScheme") == scheme) {
            return child;
        }
    }
    return nullptr;
}

coded_value classification_code(const xmlNode& classification) {
    coded_value out;
    out.code = std::string(xml::attribute(classification, "nodeRepresentation").value_or(""));
    out.scheme = first_slot_value(classification, "codingScheme").value_or("");
    if (const xmlNode* text =
            xml::find_path(classification, {{ns::rim, "Name"}, {ns::rim, "LocalizedString"}})) {
        out.display = std::string(xml::attribute(*text, "value").value_or(""));
    }
    return out;
}

std::optional<std::string> external_identifier(const xmlNode& object, std::string_view scheme) {
    for (const xmlNode* id : xml::children(object, ns::rim, "ExternalIdentifier")) {
        if (xml::attribute(*id, "identificationScheme") == scheme) {
            return std::string(xml::attribute(*id, "value").value_or(""));
        }
    }
    return std::nullopt;
}

}  // namespace ncpeh::gateway::ihe
