#include "trust/xml/navigate.hpp"

#include <memory>

namespace ncpeh::trust::xml {

namespace {

std::string_view view_of(const xmlChar* text) noexcept {
    return text == nullptr ? std::string_view{} : reinterpret_cast<const char*>(text);
}

// Attribute values have a single text child once parsed without entity references (which
// parse_document guarantees); an empty value has none.
std::string_view value_of(const xmlAttr& attr) noexcept {
    const xmlNode* child = attr.children;
    if (child == nullptr) {
        return {};
    }
    return view_of(child->content);
}

struct xml_free {
    void operator()(xmlChar* text) const noexcept { xmlFree(text); }
};

bool is_xml_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::string_view local_name(const xmlNode& node) noexcept {
    return view_of(node.name);
}

std::string_view namespace_uri(const xmlNode& node) noexcept {
    return node.ns == nullptr ? std::string_view{} : view_of(node.ns->href);
}

bool is_element(const xmlNode& node, std::string_view ns, std::string_view local) noexcept {
    return node.type == XML_ELEMENT_NODE && local_name(node) == local && namespace_uri(node) == ns;
}

const xmlNode* first_child(const xmlNode& parent, std::string_view ns,
                           std::string_view local) noexcept {
    for (const xmlNode* child = parent.children; child != nullptr; child = child->next) {
        if (is_element(*child, ns, local)) {
            return child;
        }
    }
    return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode& parent, std::string_view ns,
                                     std::string_view local) {
    std::vector<const xmlNode*> found;
    for (const xmlNode* child = parent.children; child != nullptr; child = child->next) {
        if (is_element(*child, ns, local)) {
            found.push_back(child);
        }
    }
    return found;
}

std::vector<const xmlNode*> child_elements(const xmlNode& parent) {
    std::vector<const xmlNode*> found;
    for (const xmlNode* child = parent.children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            found.push_back(child);
        }
    }
    return found;
}

const xmlNode* find_path(const xmlNode& start, std::initializer_list<step> path) noexcept {
    const xmlNode* current = &start;
    for (const step& s : path) {
        current = first_child(*current, s.ns, s.local);
        if (current == nullptr) {
            return nullptr;
        }
    }
    return current;
}

std::optional<std::string_view> attribute(const xmlNode& element, std::string_view name) noexcept {
    for (const xmlAttr* attr = element.properties; attr != nullptr; attr = attr->next) {
        if (attr->ns == nullptr && view_of(attr->name) == name) {
            return value_of(*attr);
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> attribute(const xmlNode& element, std::string_view ns,
                                          std::string_view name) noexcept {
    if (ns.empty()) {
        return attribute(element, name);
    }
    for (const xmlAttr* attr = element.properties; attr != nullptr; attr = attr->next) {
        if (attr->ns != nullptr && view_of(attr->ns->href) == ns && view_of(attr->name) == name) {
            return value_of(*attr);
        }
    }
    return std::nullopt;
}

std::string text_of(const xmlNode& node) {
    std::unique_ptr<xmlChar, xml_free> content(xmlNodeGetContent(&node));
    return std::string(view_of(content.get()));
}

std::string trimmed_text_of(const xmlNode& node) {
    std::string text = text_of(node);
    std::size_t begin = 0;
    while (begin < text.size() && is_xml_space(text[begin])) {
        ++begin;
    }
    std::size_t end = text.size();
    while (end > begin && is_xml_space(text[end - 1])) {
        --end;
    }
    return text.substr(begin, end - begin);
}

}  // namespace ncpeh::trust::xml
