#include "trust/xmldsig/signature_shape.hpp"

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::trust::xmldsig {

namespace ns = xml::ns;

namespace {

namespace x = ncpeh::trust::xml;

error forbidden(std::string what, std::string_view algorithm) {
    return make_error(errc::signature_algorithm_forbidden, std::move(what))
        .with("algorithm", std::string(algorithm));
}

error binding(std::string what) {
    return make_error(errc::signature_binding_invalid, std::move(what));
}

bool is_c14n(std::string_view algorithm, const signature_profile& profile) {
    if (algorithm == exc_c14n || algorithm == c14n) {
        return true;
    }
    return profile.allow_comments &&
           (algorithm == exc_c14n_with_comments || algorithm == c14n_with_comments);
}

// A c14n method may carry only ec:InclusiveNamespaces (exclusive c14n's PrefixList).
result<void> check_c14n_children(const xmlNode& method) {
    for (const xmlNode* child : x::child_elements(method)) {
        if (!x::is_element(*child, exc_c14n, "InclusiveNamespaces")) {
            return forbidden("unexpected parameter of a canonicalisation method",
                             x::local_name(*child));
        }
    }
    return {};
}

result<std::string> check_signed_info(const xmlNode& signed_info, const signature_profile& profile,
                                      std::string& method_out) {
    const auto elements = x::child_elements(signed_info);
    if (elements.size() < 3 || !x::is_element(*elements[0], ns::dsig, "CanonicalizationMethod") ||
        !x::is_element(*elements[1], ns::dsig, "SignatureMethod")) {
        return binding("SignedInfo must hold CanonicalizationMethod, SignatureMethod, Reference");
    }
    if (elements.size() != 3 || !x::is_element(*elements[2], ns::dsig, "Reference")) {
        return binding("SignedInfo must hold exactly one Reference");
    }
    const std::string_view c14n_method = x::attribute(*elements[0], "Algorithm").value_or("");
    if (!is_c14n(c14n_method, profile)) {
        return forbidden("canonicalisation method not allowed", c14n_method);
    }
    if (auto ok = check_c14n_children(*elements[0]); !ok) {
        return ok.error();
    }
    const std::string_view method = x::attribute(*elements[1], "Algorithm").value_or("");
    if (method != rsa_sha256 && method != ecdsa_sha256) {
        return forbidden("signature method not allowed (RSA-SHA256 or ECDSA-SHA256 only)", method);
    }
    if (!x::child_elements(*elements[1]).empty()) {
        return forbidden("signature method parameters (e.g. HMACOutputLength) not allowed", method);
    }
    method_out = std::string(method);

    const xmlNode& reference = *elements[2];
    const auto uri = x::attribute(reference, "URI");
    if (!uri) {
        return binding("the Reference has no URI");
    }
    const auto parts = x::child_elements(reference);
    std::size_t index = 0;
    if (index < parts.size() && x::is_element(*parts[index], ns::dsig, "Transforms")) {
        const auto transforms = x::child_elements(*parts[index]);
        if (transforms.empty() || transforms.size() > 2) {
            return forbidden(
                "the Reference must have the enveloped-signature transform and at "
                "most one canonicalisation",
                std::to_string(transforms.size()) + " transforms");
        }
        for (std::size_t i = 0; i < transforms.size(); ++i) {
            const xmlNode& transform = *transforms[i];
            if (!x::is_element(transform, ns::dsig, "Transform")) {
                return binding("unexpected element in Transforms");
            }
            const std::string_view algorithm = x::attribute(transform, "Algorithm").value_or("");
            const bool allowed =
                i == 0 ? algorithm == enveloped_signature : is_c14n(algorithm, profile);
            if (!allowed) {
                return forbidden(
                    "reference transform not allowed (enveloped-signature, then one "
                    "canonicalisation)",
                    algorithm);
            }
            if (i == 0 && !x::child_elements(transform).empty()) {
                return forbidden("the enveloped-signature transform takes no parameters",
                                 algorithm);
            }
            if (i == 1) {
                if (auto ok = check_c14n_children(transform); !ok) {
                    return ok.error();
                }
            }
        }
        ++index;
    } else {
        return forbidden(
            "an enveloped signature's Reference needs the enveloped-signature "
            "transform",
            "none");
    }
    if (index >= parts.size() || !x::is_element(*parts[index], ns::dsig, "DigestMethod")) {
        return binding("the Reference has no DigestMethod");
    }
    const std::string_view digest = x::attribute(*parts[index], "Algorithm").value_or("");
    if (digest != sha256) {
        return forbidden("digest method not allowed (SHA-256 only)", digest);
    }
    ++index;
    if (index + 1 != parts.size() || !x::is_element(*parts[index], ns::dsig, "DigestValue")) {
        return binding("the Reference must end with exactly one DigestValue");
    }
    return std::string(*uri);
}

result<std::string> check_key_info(const xmlNode& key_info) {
    const xmlNode* x509_data = nullptr;
    for (const xmlNode* child : x::child_elements(key_info)) {
        if (x::is_element(*child, ns::dsig, "X509Data")) {
            if (x509_data != nullptr) {
                return make_error(errc::signature_key_untrusted,
                                  "KeyInfo must hold exactly one X509Data");
            }
            x509_data = child;
        } else if (!x::is_element(*child, ns::dsig, "KeyValue") &&
                   !x::is_element(*child, ns::dsig, "KeyName")) {
            return make_error(errc::signature_key_untrusted, "KeyInfo child not accepted")
                .with("element", std::string(x::local_name(*child)));
        }
    }
    if (x509_data == nullptr) {
        return make_error(errc::signature_key_untrusted,
                          "the signature carries no X.509 certificate; keys given only as "
                          "KeyValue or KeyName cannot be tied to a trust anchor");
    }
    const xmlNode* certificate = nullptr;
    for (const xmlNode* child : x::child_elements(*x509_data)) {
        if (x::is_element(*child, ns::dsig, "X509Certificate")) {
            if (certificate != nullptr) {
                return make_error(errc::signature_key_untrusted,
                                  "X509Data must hold exactly one X509Certificate (the signer)");
            }
            certificate = child;
        } else if (!x::is_element(*child, ns::dsig, "X509SubjectName") &&
                   !x::is_element(*child, ns::dsig, "X509IssuerSerial") &&
                   !x::is_element(*child, ns::dsig, "X509SKI")) {
            return make_error(errc::signature_key_untrusted, "X509Data child not accepted")
                .with("element", std::string(x::local_name(*child)));
        }
    }
    if (certificate == nullptr) {
        return make_error(errc::signature_key_untrusted, "X509Data holds no X509Certificate");
    }
    return x::text_of(*certificate);
}

}  // namespace

result<signature_shape> inspect_signature(const xmlNode& signature,
                                          const signature_profile& profile) {
    if (!x::is_element(signature, ns::dsig, "Signature")) {
        return binding("not a ds:Signature element");
    }
    const auto elements = x::child_elements(signature);
    if (elements.size() != 3 || !x::is_element(*elements[0], ns::dsig, "SignedInfo") ||
        !x::is_element(*elements[1], ns::dsig, "SignatureValue") ||
        !x::is_element(*elements[2], ns::dsig, "KeyInfo")) {
        return binding("ds:Signature must hold SignedInfo, SignatureValue and KeyInfo only");
    }
    signature_shape shape;
    auto uri = check_signed_info(*elements[0], profile, shape.signature_method);
    if (!uri) {
        return uri.error();
    }
    shape.reference_uri = std::move(*uri);
    if (profile.whole_document != shape.reference_uri.empty()) {
        return binding(profile.whole_document
                           ? "a whole-document signature must reference URI=\"\""
                           : "an enveloped assertion signature must reference \"#\" + its ID")
            .with("uri", shape.reference_uri);
    }
    auto certificate = check_key_info(*elements[2]);
    if (!certificate) {
        return certificate.error();
    }
    shape.certificate_text = std::move(*certificate);
    return shape;
}

}  // namespace ncpeh::trust::xmldsig
