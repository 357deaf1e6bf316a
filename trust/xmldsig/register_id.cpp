#include "trust/xmldsig/register_id.hpp"

#include <libxml/valid.h>

#include <string>

#include "trust/xml/navigate.hpp"

namespace ncpeh::trust::xmldsig {

namespace {

bool is_id_like(const xmlAttr& attr) {
    const std::string_view name = reinterpret_cast<const char*>(attr.name);
    return name == "ID" || name == "Id" || name == "id";
}

std::string_view value_of(const xmlAttr& attr) {
    if (attr.children == nullptr || attr.children->content == nullptr) {
        return {};
    }
    return reinterpret_cast<const char*>(attr.children->content);
}

// Counts elements other than `self` that carry an ID-like attribute equal to `value`.
std::size_t count_other_holders(const xmlNode* node, const xmlNode& self, std::string_view value) {
    std::size_t count = 0;
    for (; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (node != &self) {
            for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
                if (is_id_like(*attr) && value_of(*attr) == value) {
                    ++count;
                }
            }
        }
        count += count_other_holders(node->children, self, value);
    }
    return count;
}

}  // namespace

result<void> register_id(xml::document& doc, xmlNode& element, std::string_view name) {
    xmlAttr* attr = nullptr;
    for (xmlAttr* candidate = element.properties; candidate != nullptr;
         candidate = candidate->next) {
        if (candidate->ns == nullptr && reinterpret_cast<const char*>(candidate->name) == name) {
            attr = candidate;
        }
    }
    if (attr == nullptr) {
        return make_error(errc::signature_binding_invalid, "the signed element has no ID")
            .with("attribute", std::string(name));
    }
    const std::string value(value_of(*attr));
    if (value.empty() ||
        xmlValidateNCName(reinterpret_cast<const xmlChar*>(value.c_str()), 0) != 0) {
        return make_error(errc::signature_binding_invalid, "the ID is not an NCName")
            .with("id", value);
    }
    if (count_other_holders(doc.get()->children, element, value) != 0 ||
        xmlGetID(doc.get(), reinterpret_cast<const xmlChar*>(value.c_str())) != nullptr) {
        return make_error(errc::signature_binding_invalid, "the ID occurs more than once")
            .with("id", value);
    }
    if (xmlAddID(nullptr, doc.get(), reinterpret_cast<const xmlChar*>(value.c_str()), attr) ==
        nullptr) {
        return make_error(errc::signature_binding_invalid, "the ID could not be registered")
            .with("id", value);
    }
    return {};
}

}  // namespace ncpeh::trust::xmldsig
