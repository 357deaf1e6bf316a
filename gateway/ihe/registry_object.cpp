#include "gateway/ihe/registry_object.hpp"

#include <algorithm>

#include "gateway/ihe/xds_identifiers.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

namespace {

using trust::xml::append_escaped;

using trust::xml::append_attribute;

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

}  // namespace

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

std::vector<const xmlNode*> find_classifications(const xmlNode& object, std::string_view scheme) {
    std::vector<const xmlNode*> found;
    for (const xmlNode* child : xml::children(object, ns::rim, "Classification")) {
        if (xml::attribute(*child, "classificationScheme") == scheme) {
            found.push_back(child);
        }
    }
    return found;
}

coded_value classification_code(const xmlNode& classification) {
    coded_value out;
    out.code = std::string(xml::attribute(classification, "nodeRepresentation").value_or(""));
    out.scheme = first_slot_value(classification, "codingScheme").value_or("");
    out.display = localized_string(classification, "Name");
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

std::optional<std::string> external_identifier_named(const xmlNode& object, std::string_view name) {
    for (const xmlNode* id : xml::children(object, ns::rim, "ExternalIdentifier")) {
        if (equal_ignoring_case(localized_string(*id, "Name"), name)) {
            return std::string(xml::attribute(*id, "value").value_or(""));
        }
    }
    return std::nullopt;
}

std::string localized_string(const xmlNode& object, std::string_view element) {
    const xmlNode* text =
        xml::find_path(object, {{ns::rim, element}, {ns::rim, "LocalizedString"}});
    return text == nullptr ? std::string()
                           : std::string(xml::attribute(*text, "value").value_or(""));
}

void append_slot(std::string& out, std::string_view name, std::span<const std::string> values) {
    out += "<rim:Slot";
    append_attribute(out, "name", name);
    out += "><rim:ValueList>";
    for (const std::string& value : values) {
        out += "<rim:Value>";
        append_escaped(out, value);
        out += "</rim:Value>";
    }
    out += "</rim:ValueList></rim:Slot>";
}

void append_slot(std::string& out, std::string_view name, std::string_view value) {
    const std::string values[] = {std::string(value)};
    append_slot(out, name, values);
}

void append_localized(std::string& out, std::string_view element, std::string_view text) {
    out += "<rim:";
    out += element;
    out += "><rim:LocalizedString";
    append_attribute(out, "value", text);
    out += "/></rim:";
    out += element;
    out += '>';
}

void append_classification(std::string& out, std::string_view id, std::string_view scheme,
                           std::string_view classified_object, const coded_value& code) {
    out += "<rim:Classification";
    append_attribute(out, "id", id);
    append_attribute(out, "objectType", xds_id::classification_type);
    append_attribute(out, "classificationScheme", scheme);
    append_attribute(out, "classifiedObject", classified_object);
    append_attribute(out, "nodeRepresentation", code.code);
    out += '>';
    append_slot(out, "codingScheme", code.scheme);
    if (!code.display.empty()) {
        append_localized(out, "Name", code.display);
    }
    out += "</rim:Classification>";
}

void append_external_identifier(std::string& out, std::string_view id, std::string_view scheme,
                                std::string_view registry_object, std::string_view value,
                                std::string_view name) {
    out += "<rim:ExternalIdentifier";
    append_attribute(out, "id", id);
    append_attribute(out, "objectType", xds_id::external_identifier_type);
    append_attribute(out, "identificationScheme", scheme);
    append_attribute(out, "registryObject", registry_object);
    append_attribute(out, "value", value);
    out += '>';
    append_localized(out, "Name", name);
    out += "</rim:ExternalIdentifier>";
}

}  // namespace ncpeh::gateway::ihe
