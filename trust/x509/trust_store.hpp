#pragma once

#include <openssl/x509_vfy.h>

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"
#include "trust/x509/certificate.hpp"
#include "trust/x509/certificate_cache.hpp"
#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/chain_verdict_cache.hpp"
#include "trust/x509/openssl_ptr.hpp"

namespace ncpeh::trust::x509 {

/// The anchors and certificate revocation lists of one purpose (`store_kind`), built once at
/// start-up and read-only afterwards: verification only reads it, so one instance is shared by
/// every thread. To change anchors or CRLs build a new store and swap it in
/// (`trust_store_slot`).
class trust_store {
  public:
    /// Builds a store from PEM anchors and PEM CRLs (each CRL must be signed by one of the
    /// anchors' keys, checked at verification time by OpenSSL).
    /// Errors: `errc::invalid_argument` for text without certificates or unreadable CRLs.
    static result<trust_store> from_pem(store_kind kind, std::string_view anchors_pem,
                                        std::string_view crls_pem = {});
    /// The same from files; `crl_files` may be empty (revocation then is "not checked").
    static result<trust_store> load(store_kind kind, const std::filesystem::path& anchors_file,
                                    const std::vector<std::filesystem::path>& crl_files = {});

    store_kind kind() const noexcept { return kind_; }
    /// The OpenSSL store; read-only use (X509_STORE_CTX_init) is thread-safe.
    X509_STORE* get() const noexcept { return store_.get(); }
    const std::vector<certificate>& anchors() const noexcept { return anchors_; }
    /// Decoded certificates seen with this store (parses only, no trust decisions).
    const certificate_cache& decoded_certificates() const noexcept { return *decoded_; }
    /// Successful validations against this store (`verify_certificate` consults it).
    const chain_verdict_cache& verified_chains() const noexcept { return *verified_; }
    /// True when a CRL issued by `issuer_name` is loaded (revocation can be checked).
    bool has_crl_from(const X509_NAME* issuer_name) const noexcept;
    const std::vector<x509_crl_ptr>& crls() const noexcept { return crls_; }

  private:
    trust_store(store_kind kind, x509_store_ptr store, std::vector<certificate> anchors,
                std::vector<x509_crl_ptr> crls) noexcept
        : kind_(kind),
          store_(std::move(store)),
          anchors_(std::move(anchors)),
          crls_(std::move(crls)),
          decoded_(std::make_unique<certificate_cache>()),
          verified_(std::make_unique<chain_verdict_cache>()) {}

    store_kind kind_;
    x509_store_ptr store_;
    std::vector<certificate> anchors_;
    std::vector<x509_crl_ptr> crls_;
    // Behind pointers so the store stays movable.
    std::unique_ptr<certificate_cache> decoded_;
    std::unique_ptr<chain_verdict_cache> verified_;
};

/// Checks that every CRL in `crl_files` is signed by a certificate of `anchor_files` whose
/// subject is the CRL's issuer: a CRL no anchor signed could never be used to check a chain (a
/// wrong or damaged file). Errors: `errc::invalid_argument` naming the file and the CRL's issuer;
/// the read errors of `read_pem_file`.
result<void> check_crls_signed_by_anchors(const std::vector<std::filesystem::path>& crl_files,
                                          const std::vector<std::filesystem::path>& anchor_files);

}  // namespace ncpeh::trust::x509
