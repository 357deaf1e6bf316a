#include "trust/xmldsig/verify_document_signature.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"
#include "trust/xmldsig/algorithms.hpp"
#include "trust/xmldsig/verify_signature_element.hpp"

namespace ncpeh::trust::xmldsig {

namespace ns = xml::ns;

result<signature_verdict> verify_document_signature(xml::document& doc,
                                                    const x509::trust_store& store,
                                                    x509::certificate_purpose purpose,
                                                    std::chrono::system_clock::time_point at) {
    xmlNode& root = doc.root();
    // The document's own signature is the one child ds:Signature of the root. Signatures
    // deeper in the tree (the national Extension signature of SMP metadata) are content: the
    // enveloped-signature transform removes only the signature being verified, so they are
    // digested like everything else and cannot be swapped or moved undetected.
    xmlNode* signature = nullptr;
    std::size_t at_root = 0;
    for (xmlNode* child = root.children; child != nullptr; child = child->next) {
        if (xml::is_element(*child, ns::dsig, "Signature")) {
            signature = child;
            ++at_root;
        }
    }
    if (signature == nullptr) {
        return make_error(errc::signature_invalid,
                          "the document has no ds:Signature as a child of its root");
    }
    if (at_root != 1) {
        return make_error(errc::signature_binding_invalid,
                          "the document must carry exactly one ds:Signature as a child of its "
                          "root");
    }
    return verify_signature_element(doc, *signature, "", document_profile, store, purpose, at);
}

}  // namespace ncpeh::trust::xmldsig
