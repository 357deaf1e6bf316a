#include "trust/xmldsig/verify_document_signature.hpp"

#include "trust/xml/navigate.hpp"
#include "trust/xmldsig/algorithms.hpp"
#include "trust/xmldsig/verify_signature_element.hpp"

namespace ncpeh::trust::xmldsig {

namespace {

std::size_t count_signatures(const xmlNode* node) {
    std::size_t count = 0;
    for (; node != nullptr; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            if (xml::is_element(*node, dsig_ns, "Signature")) {
                ++count;
            }
            count += count_signatures(node->children);
        }
    }
    return count;
}

}  // namespace

result<signature_verdict> verify_document_signature(xml::document& doc,
                                                    const x509::trust_store& store,
                                                    x509::certificate_purpose purpose,
                                                    std::chrono::system_clock::time_point at) {
    xmlNode& root = doc.root();
    xmlNode* signature = nullptr;
    for (xmlNode* child = root.children; child != nullptr; child = child->next) {
        if (xml::is_element(*child, dsig_ns, "Signature")) {
            signature = child;
        }
    }
    if (signature == nullptr) {
        return make_error(errc::signature_invalid,
                          "the document has no ds:Signature as a child of its root");
    }
    if (count_signatures(&root) != 1) {
        return make_error(errc::signature_binding_invalid,
                          "the document must carry exactly one ds:Signature");
    }
    return verify_signature_element(doc, *signature, "", document_profile, store, purpose, at);
}

}  // namespace ncpeh::trust::xmldsig
