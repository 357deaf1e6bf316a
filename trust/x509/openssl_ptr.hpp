#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>

namespace ncpeh::trust::x509 {

// Owning handles for the OpenSSL objects trust/ uses: every C resource is freed by its
// unique_ptr, on every path.

struct bio_free {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct x509_free {
    void operator()(X509* cert) const noexcept { X509_free(cert); }
};
struct x509_crl_free {
    void operator()(X509_CRL* crl) const noexcept { X509_CRL_free(crl); }
};
struct x509_store_free {
    void operator()(X509_STORE* store) const noexcept { X509_STORE_free(store); }
};
struct x509_store_ctx_free {
    void operator()(X509_STORE_CTX* ctx) const noexcept { X509_STORE_CTX_free(ctx); }
};
struct evp_pkey_free {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct x509_stack_free {
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};

using bio_ptr = std::unique_ptr<BIO, bio_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;
using x509_crl_ptr = std::unique_ptr<X509_CRL, x509_crl_free>;
using x509_store_ptr = std::unique_ptr<X509_STORE, x509_store_free>;
using x509_store_ctx_ptr = std::unique_ptr<X509_STORE_CTX, x509_store_ctx_free>;
using evp_pkey_ptr = std::unique_ptr<EVP_PKEY, evp_pkey_free>;
using x509_stack_ptr = std::unique_ptr<STACK_OF(X509), x509_stack_free>;

}  // namespace ncpeh::trust::x509
