#include "translators/cda/read_data_types.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::cda {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

namespace {

std::string attr(const xmlNode& element, std::string_view name) {
    auto value = xml::attribute(element, name);
    return value ? std::string(*value) : std::string{};
}

bool is_translation(const xmlNode& node) {
    return node.type == XML_ELEMENT_NODE && xml::local_name(node) == "translation" &&
           (xml::namespace_uri(node) == ns::hl7 || xml::namespace_uri(node) == ns::pharm ||
            xml::namespace_uri(node) == ns::epsos);
}

// Peers nest translations 2–3 deep; more than this is hostile input, not a real document.
constexpr int max_translation_depth = 8;

coded_value read_code_at(const xmlNode& element, int depth) {
    coded_value code;
    code.code = attr(element, "code");
    code.code_system = attr(element, "codeSystem");
    code.code_system_name = attr(element, "codeSystemName");
    code.code_system_version = attr(element, "codeSystemVersion");
    code.display_name = attr(element, "displayName");
    code.null_flavor = attr(element, "nullFlavor");
    for (const xmlNode* child = element.children; child != nullptr; child = child->next) {
        if (is_translation(*child) && depth < max_translation_depth) {
            code.translations.push_back(read_code_at(*child, depth + 1));
        } else if (child->type == XML_ELEMENT_NODE && xml::local_name(*child) == "originalText") {
            code.original_text = xml::trimmed_text_of(*child);
        }
    }
    return code;
}

}  // namespace

instance_identifier read_id(const xmlNode& element) {
    return {attr(element, "root"), attr(element, "extension"), attr(element, "nullFlavor")};
}

coded_value read_code(const xmlNode& element) {
    return read_code_at(element, 0);
}

physical_quantity read_quantity(const xmlNode& element) {
    physical_quantity quantity{
        attr(element, "value"), attr(element, "unit"), attr(element, "nullFlavor"), {}};
    for (const xmlNode* child = element.children; child != nullptr; child = child->next) {
        if (is_translation(*child)) {
            for (const xmlNode* inner = child->children; inner != nullptr; inner = inner->next) {
                if (inner->type == XML_ELEMENT_NODE && xml::local_name(*inner) == "originalText") {
                    quantity.original_text = xml::trimmed_text_of(*inner);
                }
            }
        }
    }
    return quantity;
}

person_name read_name(const xmlNode& name_element) {
    person_name name;
    name.null_flavor = attr(name_element, "nullFlavor");
    for (const xmlNode* given : xml::children(name_element, ns::hl7, "given")) {
        name.given.push_back(xml::trimmed_text_of(*given));
    }
    if (const xmlNode* family = xml::first_child(name_element, ns::hl7, "family")) {
        name.family = xml::trimmed_text_of(*family);
    }
    return name;
}

address read_address(const xmlNode& addr_element) {
    address addr;
    addr.use = attr(addr_element, "use");
    addr.null_flavor = attr(addr_element, "nullFlavor");
    auto part = [&](std::string_view local) {
        const xmlNode* node = xml::first_child(addr_element, ns::hl7, local);
        return node == nullptr ? std::string{} : xml::trimmed_text_of(*node);
    };
    for (const xmlNode* line : xml::children(addr_element, ns::hl7, "streetAddressLine")) {
        std::string text = xml::trimmed_text_of(*line);
        if (!text.empty()) {
            addr.street_lines.push_back(std::move(text));
        }
    }
    addr.post_box = part("postBox");
    addr.postal_code = part("postalCode");
    addr.city = part("city");
    addr.state = part("state");
    addr.country = part("country");
    return addr;
}

telecom read_telecom(const xmlNode& telecom_element) {
    return {attr(telecom_element, "use"), attr(telecom_element, "value"),
            attr(telecom_element, "nullFlavor")};
}

std::vector<instance_identifier> read_ids(const xmlNode& parent) {
    std::vector<instance_identifier> ids;
    for (const xmlNode* id : xml::children(parent, ns::hl7, "id")) {
        ids.push_back(read_id(*id));
    }
    return ids;
}

std::vector<telecom> read_telecoms(const xmlNode& parent) {
    std::vector<telecom> telecoms;
    for (const xmlNode* entry : xml::children(parent, ns::hl7, "telecom")) {
        telecoms.push_back(read_telecom(*entry));
    }
    return telecoms;
}

std::string read_time(const xmlNode& parent, std::string_view local) {
    const xmlNode* node = xml::first_child(parent, ns::hl7, local);
    return node == nullptr ? std::string{} : attr(*node, "value");
}

}  // namespace ncpeh::translators::cda
