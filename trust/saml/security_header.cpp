#include "trust/saml/security_header.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::trust::saml {

namespace ns = xml::ns;

namespace {

namespace x = ncpeh::trust::xml;

std::size_t count_elements(const xmlNode* node, std::string_view uri, std::string_view local) {
    std::size_t count = 0;
    for (; node != nullptr; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            if (x::is_element(*node, uri, local)) {
                ++count;
            }
            count += count_elements(node->children, uri, local);
        }
    }
    return count;
}

// Exclusive c14n without comments leaves comments and processing instructions out of the digest:
// inside an assertion they are content nobody signed (a reader that stops at the first text node
// would see another value), so none is allowed there.
bool holds_unsigned_markup(const xmlNode* node) {
    for (; node != nullptr; node = node->next) {
        if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE) {
            return true;
        }
        if (node->type == XML_ELEMENT_NODE && holds_unsigned_markup(node->children)) {
            return true;
        }
    }
    return false;
}

error misplaced(std::string message) {
    return make_error(errc::signature_binding_invalid, std::move(message));
}

}  // namespace

result<std::vector<xmlNode*>> find_header_assertions(xml::document& doc) {
    xmlNode& root = doc.root();
    xmlNode* header = nullptr;
    if (x::is_element(root, ns::soap12, "Header")) {
        header = &root;
    } else if (x::is_element(root, ns::soap12, "Envelope")) {
        const auto headers = x::children(root, ns::soap12, "Header");
        if (headers.size() > 1) {
            return misplaced("the SOAP envelope has more than one Header");
        }
        if (!headers.empty()) {
            header = const_cast<xmlNode*>(headers.front());
        }
    }
    if (header == nullptr) {
        return make_error(errc::xml_missing_element,
                          "no SOAP 1.2 Header (root must be soap:Envelope or soap:Header)");
    }
    xmlNode* security = nullptr;
    for (xmlNode* child = header->children; child != nullptr; child = child->next) {
        if (x::is_element(*child, ns::wsse, "Security")) {
            security = child;
            break;
        }
    }
    if (count_elements(&root, ns::wsse, "Security") != (security == nullptr ? 0U : 1U)) {
        return misplaced("there must be exactly one wsse:Security element, in the SOAP Header");
    }
    if (security == nullptr) {
        return make_error(errc::hcp_assertion_missing, "the message has no wsse:Security header");
    }
    std::vector<xmlNode*> assertions;
    for (xmlNode* child = security->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!x::is_element(*child, ns::saml, "Assertion")) {
            return misplaced("wsse:Security may hold only SAML assertions")
                .with("element", std::string(x::local_name(*child)));
        }
        if (holds_unsigned_markup(child->children)) {
            return misplaced("a SAML assertion holds a comment or processing instruction");
        }
        assertions.push_back(child);
    }
    if (count_elements(&root, ns::saml, "Assertion") != assertions.size()) {
        return misplaced("a SAML assertion occurs outside the wsse:Security header");
    }
    if (assertions.empty()) {
        return make_error(errc::hcp_assertion_missing, "wsse:Security holds no assertion");
    }
    if (assertions.size() > 3) {
        return misplaced("wsse:Security holds more than three assertions (NoK, HCP, TRC)");
    }
    return assertions;
}

}  // namespace ncpeh::trust::saml
