#include "trust/xmldsig/sign_signature_template.hpp"

#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>

#include <string>

#include "trust/xmldsig/algorithms.hpp"

namespace ncpeh::trust::xmldsig {

namespace {

const xmlChar* xml_text(const char* text) {
    return reinterpret_cast<const xmlChar*>(text);
}

}  // namespace

result<void> sign_with_template(xml::document& doc, xmlNode& parent, xmlNode* after,
                                std::string_view uri, std::string_view c14n_method,
                                const signing_credential& credential) {
    if (auto started = initialise_xmlsec(); !started) {
        return started.error();
    }
    const bool exclusive = c14n_method == exc_c14n;
    const xmlSecTransformId c14n_id =
        exclusive ? xmlSecTransformExclC14NId : xmlSecTransformInclC14NId;
    const xmlSecTransformId method_id =
        credential.is_ec() ? xmlSecTransformEcdsaSha256Id : xmlSecTransformRsaSha256Id;
    xmlNode* signature =
        xmlSecTmplSignatureCreateNsPref(doc.get(), c14n_id, method_id, nullptr, xml_text("ds"));
    if (signature == nullptr) {
        return xmlsec_failure(errc::internal, "xmlsec could not create a signature template");
    }
    // Link the template into the tree first so the document owns it on every later failure.
    if (after != nullptr) {
        xmlAddNextSibling(after, signature);
    } else {
        xmlAddChild(&parent, signature);
    }
    const std::string uri_text(uri);
    xmlNode* reference = xmlSecTmplSignatureAddReference(
        signature, xmlSecTransformSha256Id, nullptr, xml_text(uri_text.c_str()), nullptr);
    if (reference == nullptr ||
        xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId) == nullptr) {
        return xmlsec_failure(errc::internal, "xmlsec could not add the reference");
    }
    xmlNode* transform = xmlSecTmplReferenceAddTransform(reference, c14n_id);
    if (transform == nullptr) {
        return xmlsec_failure(errc::internal,
                              "xmlsec could not add the canonicalisation transform");
    }
    // AttributeValues use xsi:type="xsd:string": keep the xsd prefix in the digest, as OpenNCP
    // does (ehdsi-protocol.md §7.3).
    if (exclusive && xmlSecTmplTransformAddC14NInclNamespaces(transform, xml_text("xsd")) < 0) {
        return xmlsec_failure(errc::internal, "xmlsec could not add InclusiveNamespaces");
    }
    xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr);
    xmlNode* x509_data = key_info == nullptr ? nullptr : xmlSecTmplKeyInfoAddX509Data(key_info);
    if (x509_data == nullptr || xmlSecTmplX509DataAddCertificate(x509_data) == nullptr) {
        return xmlsec_failure(errc::internal, "xmlsec could not add KeyInfo/X509Data");
    }
    auto key = credential.copy_key();
    if (!key) {
        return key.error();
    }
    dsig_ctx_ptr ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx) {
        return xmlsec_failure(errc::internal, "xmlsec could not create a signature context");
    }
    ctx->signKey = std::move(key).value().release();
    ctx->enabledReferenceUris =
        uri.empty() ? xmlSecTransformUriTypeEmpty : xmlSecTransformUriTypeSameDocument;
    if (xmlSecDSigCtxSign(ctx.get(), signature) < 0) {
        return xmlsec_failure(errc::internal, "xmlsec could not sign");
    }
    return {};
}

}  // namespace ncpeh::trust::xmldsig
