#include "trust/xmldsig/verify_signature_element.hpp"

#include <openssl/err.h>
#include <xmlsec/crypto.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/transforms.h>

#include <string>

#include "trust/xmldsig/signature_shape.hpp"
#include "trust/xmldsig/xmlsec_runtime.hpp"

namespace ncpeh::trust::xmldsig {

namespace {

result<void> enable_transforms(xmlSecDSigCtx& ctx, const signature_profile& profile) {
    bool ok = xmlSecDSigCtxEnableReferenceTransform(&ctx, xmlSecTransformEnvelopedId) == 0 &&
              xmlSecDSigCtxEnableReferenceTransform(&ctx, xmlSecTransformExclC14NId) == 0 &&
              xmlSecDSigCtxEnableReferenceTransform(&ctx, xmlSecTransformInclC14NId) == 0 &&
              xmlSecDSigCtxEnableReferenceTransform(&ctx, xmlSecTransformSha256Id) == 0 &&
              xmlSecDSigCtxEnableSignatureTransform(&ctx, xmlSecTransformExclC14NId) == 0 &&
              xmlSecDSigCtxEnableSignatureTransform(&ctx, xmlSecTransformInclC14NId) == 0 &&
              xmlSecDSigCtxEnableSignatureTransform(&ctx, xmlSecTransformRsaSha256Id) == 0 &&
              xmlSecDSigCtxEnableSignatureTransform(&ctx, xmlSecTransformEcdsaSha256Id) == 0;
    if (ok && profile.allow_comments) {
        ok =
            xmlSecDSigCtxEnableReferenceTransform(&ctx, xmlSecTransformExclC14NWithCommentsId) ==
                0 &&
            xmlSecDSigCtxEnableReferenceTransform(&ctx, xmlSecTransformInclC14NWithCommentsId) ==
                0 &&
            xmlSecDSigCtxEnableSignatureTransform(&ctx, xmlSecTransformExclC14NWithCommentsId) ==
                0 &&
            xmlSecDSigCtxEnableSignatureTransform(&ctx, xmlSecTransformInclC14NWithCommentsId) == 0;
    }
    if (!ok) {
        return xmlsec_failure(errc::internal, "xmlsec could not enable the allowed transforms");
    }
    return {};
}

// Wraps the certificate's public key as the xmlsec verification key.
result<key_ptr> key_of(const x509::certificate& signer) {
    EVP_PKEY* public_key = X509_get_pubkey(signer.get());
    if (public_key == nullptr) {
        return xmlsec_failure(errc::signature_key_untrusted,
                              "the signer certificate's public key is unusable");
    }
    xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(public_key);
    if (data == nullptr) {
        EVP_PKEY_free(public_key);
        return xmlsec_failure(errc::signature_key_untrusted,
                              "the signer's key type is not supported (RSA or EC only)");
    }
    key_ptr key(xmlSecKeyCreate());
    if (!key) {
        xmlSecKeyDataDestroy(data);
        return xmlsec_failure(errc::internal, "xmlsec could not create a key");
    }
    if (xmlSecKeySetValue(key.get(), data) < 0) {
        xmlSecKeyDataDestroy(data);
        return xmlsec_failure(errc::internal, "xmlsec could not set the key value");
    }
    return key;
}

}  // namespace

result<signature_verdict> verify_signature_element(xml::document& doc, xmlNode& signature,
                                                   std::string_view expected_uri,
                                                   const signature_profile& profile,
                                                   const x509::trust_store& store,
                                                   x509::certificate_purpose purpose,
                                                   std::chrono::system_clock::time_point at) {
    if (signature.doc != doc.get()) {
        return make_error(errc::internal, "the signature element belongs to another document");
    }
    auto shape = inspect_signature(signature, profile);
    if (!shape) {
        return shape.error();
    }
    const signature_shape& checked = shape.value();
    if (checked.reference_uri != expected_uri) {
        return make_error(errc::signature_binding_invalid,
                          "the signature references another element than the one it signs")
            .with("uri", checked.reference_uri)
            .with("expected", std::string(expected_uri));
    }
    auto signer = store.decoded_certificates().decode(checked.certificate_text);
    if (!signer) {
        return signer.error();
    }
    auto chain = x509::verify_certificate(store, signer.value(), purpose, at);
    if (!chain) {
        return chain.error();
    }
    if (auto started = initialise_xmlsec(); !started) {
        return started.error();
    }
    take_xmlsec_error();
    dsig_ctx_ptr ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx) {
        return xmlsec_failure(errc::internal, "xmlsec could not create a signature context");
    }
    ctx->flags |= XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES;
    // xmlsec 1.2.37 would otherwise dereference any URI (files, network).
    ctx->enabledReferenceUris =
        expected_uri.empty() ? xmlSecTransformUriTypeEmpty : xmlSecTransformUriTypeSameDocument;
    if (auto enabled = enable_transforms(*ctx, profile); !enabled) {
        return enabled.error();
    }
    auto key = key_of(signer.value());
    if (!key) {
        return key.error();
    }
    ctx->signKey =
        std::move(key).value().release();  // owned and destroyed by the context from here on

    if (xmlSecDSigCtxVerify(ctx.get(), &signature) < 0) {
        return xmlsec_failure(errc::signature_invalid, "the XML signature could not be processed");
    }
    if (ctx->status != xmlSecDSigStatusSucceeded) {
        return xmlsec_failure(errc::signature_invalid,
                              "the signature value or a reference digest does not verify");
    }
    if (xmlSecPtrListGetSize(&ctx->signedInfoReferences) != 1) {
        return make_error(errc::signature_binding_invalid, "exactly one reference must be signed");
    }
    const auto* reference =
        static_cast<xmlSecDSigReferenceCtx*>(xmlSecPtrListGetItem(&ctx->signedInfoReferences, 0));
    const std::string_view processed_uri =
        reference == nullptr || reference->uri == nullptr
            ? std::string_view{}
            : std::string_view(reinterpret_cast<const char*>(reference->uri));
    if (reference == nullptr || reference->status != xmlSecDSigStatusSucceeded ||
        processed_uri != expected_uri) {
        return make_error(errc::signature_binding_invalid,
                          "the processed reference is not the expected one")
            .with("uri", std::string(processed_uri));
    }
    take_xmlsec_error();
    return signature_verdict{std::move(signer).value(), std::move(chain).value(),
                             checked.signature_method};
}

}  // namespace ncpeh::trust::xmldsig
