#pragma once

#include <openssl/x509.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"
#include "trust/x509/openssl_ptr.hpp"

namespace ncpeh::trust::x509 {

/// One X.509 certificate (owning). Nothing about it is trusted: trust comes only from
/// `verify_certificate` against a `trust_store`. Immutable and safe to share across threads.
class certificate {
  public:
    /// Takes ownership of `cert` (must not be null).
    explicit certificate(x509_ptr cert) noexcept : cert_(std::move(cert)) {}

    /// Decodes base64 DER as found in ds:X509Certificate (white space is ignored).
    /// Errors: `errc::signature_key_untrusted` when the text is not a certificate.
    static result<certificate> from_base64_der(std::string_view text);

    /// Every certificate of a PEM text / file, in order; at least one.
    /// Errors: `errc::invalid_argument` when unreadable or without certificate.
    static result<std::vector<certificate>> from_pem(std::string_view pem);
    static result<std::vector<certificate>> load_pem_file(const std::filesystem::path& file);

    X509* get() const noexcept { return cert_.get(); }
    /// Another handle to the same (immutable) certificate.
    certificate share() const noexcept {
        X509_up_ref(cert_.get());
        return certificate(x509_ptr(cert_.get()));
    }

    /// RFC 2253 subject and issuer ("CN=GRP:EHEALTH_NCP_BOOTCAMP_DK,O=...,C=DK").
    std::string subject() const;
    std::string issuer() const;
    /// The subject's countryName (C=), upper case, or empty when absent.
    std::string country() const;
    /// The certificate as base64 DER without line breaks (for ds:X509Certificate).
    std::string base64_der() const;

  private:
    x509_ptr cert_;
};

/// An X.509 name as RFC 2253 text ("CN=...,O=...,C=SE"); empty when it cannot be printed.
std::string name_text(const X509_NAME* name);

/// The subject's (first) commonName as UTF-8; empty when absent or undecodable. For the audit
/// trail's participants, never for trust decisions (those go by fingerprint or chain).
std::string common_name_of(const X509& cert);

}  // namespace ncpeh::trust::x509
