#pragma once

#include <string_view>

namespace ncpeh::trust::xmldsig {

// Algorithm URIs of XML-DSig as eHDSI peers use them (ehdsi-protocol.md §7.3,
// trust-audit-operations.md §3.1); the namespace is trust::xml::ns::dsig. Only these appear in
// the allow-lists below.

inline constexpr std::string_view exc_c14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr std::string_view exc_c14n_with_comments =
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
inline constexpr std::string_view c14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
inline constexpr std::string_view c14n_with_comments =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
inline constexpr std::string_view enveloped_signature =
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
inline constexpr std::string_view rsa_sha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
inline constexpr std::string_view ecdsa_sha256 =
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
inline constexpr std::string_view sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";

/// What a verifier accepts for one kind of signed object.
struct signature_profile {
    /// The reference must be `URI=""` (whole document) rather than `URI="#id"`.
    bool whole_document = false;
    /// Canonicalisation with comments (audit messages and evidences use it) is accepted.
    bool allow_comments = false;
};

/// SAML assertions: enveloped + exclusive (or inclusive) c14n, RSA/ECDSA-SHA256, SHA-256.
inline constexpr signature_profile assertion_profile{false, false};
/// Whole documents (SMP metadata, audit messages): `URI=""`, c14n with or without comments.
inline constexpr signature_profile document_profile{true, true};

}  // namespace ncpeh::trust::xmldsig
