#include "trust/xmldsig/verify_assertion_signature.hpp"

#include <libxml/valid.h>

#include <string>

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"
#include "trust/xmldsig/algorithms.hpp"
#include "trust/xmldsig/verify_signature_element.hpp"

namespace ncpeh::trust::xmldsig {

namespace ns = xml::ns;

namespace {

// True when the registered ID `id` is the ID attribute of `element`.
bool id_resolves_to(xml::document& doc, const std::string& id, const xmlNode& element) {
    const xmlAttr* attr = xmlGetID(doc.get(), reinterpret_cast<const xmlChar*>(id.c_str()));
    return attr != nullptr && attr->parent == &element;
}

}  // namespace

result<signature_verdict> verify_assertion_signature(xml::document& doc, xmlNode& assertion,
                                                     const x509::trust_store& store,
                                                     std::chrono::system_clock::time_point at) {
    const auto id = xml::attribute(assertion, "ID");
    if (!id) {
        return make_error(errc::signature_binding_invalid, "the assertion has no ID");
    }
    const std::string id_text(*id);
    if (!id_resolves_to(doc, id_text, assertion)) {
        return make_error(errc::signature_binding_invalid,
                          "the assertion ID is not registered for this assertion")
            .with("id", id_text);
    }
    xmlNode* signature = nullptr;
    for (xmlNode* child = assertion.children; child != nullptr; child = child->next) {
        if (xml::is_element(*child, ns::dsig, "Signature")) {
            if (signature != nullptr) {
                return make_error(errc::signature_binding_invalid,
                                  "the assertion has more than one ds:Signature")
                    .with("id", id_text);
            }
            signature = child;
        }
    }
    if (signature == nullptr) {
        return make_error(errc::signature_invalid, "the assertion is not signed")
            .with("id", id_text);
    }
    auto verdict =
        verify_signature_element(doc, *signature, "#" + id_text, assertion_profile, store,
                                 x509::certificate_purpose::assertion_signing, at);
    if (!verdict) {
        return std::move(verdict.error()).with("id", id_text);
    }
    if (!id_resolves_to(doc, id_text, assertion) || signature->parent != &assertion) {
        return make_error(errc::signature_binding_invalid,
                          "the signed element is not the consumed assertion")
            .with("id", id_text);
    }
    return verdict;
}

}  // namespace ncpeh::trust::xmldsig
