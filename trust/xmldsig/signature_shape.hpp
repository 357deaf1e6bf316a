#pragma once

#include <libxml/tree.h>

#include <string>

#include "trust/error/error.hpp"
#include "trust/xmldsig/algorithms.hpp"

namespace ncpeh::trust::xmldsig {

/// The parts of a ds:Signature a verifier relies on, after the structure and every algorithm
/// passed the allow-list.
struct signature_shape {
    std::string reference_uri;     ///< the one Reference's URI ("" or "#id")
    std::string signature_method;  ///< rsa_sha256 or ecdsa_sha256
    std::string certificate_text;  ///< base64 of the single ds:X509Certificate
};

/// Checks a ds:Signature element before any cryptography, so policy failures get precise codes
/// and xmlsec never sees a disallowed construct:
/// * children SignedInfo, SignatureValue, KeyInfo only (no Object/Manifest) and exactly one
///   Reference with a URI attribute → otherwise `signature_binding_invalid`;
/// * CanonicalizationMethod, SignatureMethod, Transforms (enveloped-signature first, then at most
///   one c14n; no XPath, XSLT or other transform) and DigestMethod from the allow-list, no HMAC
///   → otherwise `signature_algorithm_forbidden`;
/// * KeyInfo with exactly one X509Data holding exactly one X509Certificate (KeyName/KeyValue
///   beside it are ignored: the key is always taken from the certificate) → otherwise
///   `signature_key_untrusted`.
result<signature_shape> inspect_signature(const xmlNode& signature,
                                          const signature_profile& profile);

}  // namespace ncpeh::trust::xmldsig
