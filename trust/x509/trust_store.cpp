#include "trust/x509/trust_store.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>

#include "trust/x509/pem_file.hpp"

namespace ncpeh::trust::x509 {

namespace {

result<std::vector<x509_crl_ptr>> read_crls(std::string_view pem) {
    std::vector<x509_crl_ptr> crls;
    if (pem.empty()) {
        return crls;
    }
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) {
        return make_error(errc::internal, "OpenSSL could not allocate a memory BIO");
    }
    while (x509_crl_ptr crl{PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)}) {
        crls.push_back(std::move(crl));
    }
    ERR_clear_error();
    if (crls.empty()) {
        return make_error(errc::invalid_argument, "no PEM certificate revocation list found");
    }
    return crls;
}

}  // namespace

result<trust_store> trust_store::from_pem(store_kind kind, std::string_view anchors_pem,
                                          std::string_view crls_pem) {
    auto anchors = certificate::from_pem(anchors_pem);
    if (!anchors) {
        return anchors.error();
    }
    auto crls = read_crls(crls_pem);
    if (!crls) {
        return crls.error();
    }
    std::vector<certificate> anchor_list = std::move(anchors).value();
    std::vector<x509_crl_ptr> crl_list = std::move(crls).value();
    x509_store_ptr store(X509_STORE_new());
    if (!store) {
        return make_error(errc::internal, "OpenSSL could not allocate an X509_STORE");
    }
    for (const certificate& anchor : anchor_list) {
        if (X509_STORE_add_cert(store.get(), anchor.get()) != 1) {
            ERR_clear_error();  // a duplicate anchor is harmless
        }
    }
    for (const x509_crl_ptr& crl : crl_list) {
        if (X509_STORE_add_crl(store.get(), crl.get()) != 1) {
            ERR_clear_error();
        }
    }
    return trust_store(kind, std::move(store), std::move(anchor_list), std::move(crl_list));
}

result<trust_store> trust_store::load(store_kind kind, const std::filesystem::path& anchors_file,
                                      const std::vector<std::filesystem::path>& crl_files) {
    auto anchors = read_pem_file(anchors_file);
    if (!anchors) {
        return anchors.error();
    }
    std::string crls;
    for (const auto& file : crl_files) {
        auto text = read_pem_file(file);
        if (!text) {
            return text.error();
        }
        crls += *text;
        crls += '\n';
    }
    auto store = from_pem(kind, anchors.value(), crls);
    if (!store) {
        return std::move(store.error()).with("file", anchors_file.string());
    }
    return store;
}

result<void> check_crls_signed_by_anchors(const std::vector<std::filesystem::path>& crl_files,
                                          const std::vector<std::filesystem::path>& anchor_files) {
    std::vector<certificate> anchors;
    for (const auto& file : anchor_files) {
        auto loaded = certificate::load_pem_file(file);
        if (!loaded) {
            return std::move(loaded.error()).with("file", file.string());
        }
        for (certificate& anchor : *loaded) {
            anchors.push_back(std::move(anchor));
        }
    }
    for (const auto& file : crl_files) {
        auto text = read_pem_file(file);
        if (!text) {
            return text.error();
        }
        auto crls = read_crls(*text);
        if (!crls) {
            return std::move(crls.error()).with("file", file.string());
        }
        for (const x509_crl_ptr& crl : *crls) {
            const X509_NAME* issuer = X509_CRL_get_issuer(crl.get());
            const bool signed_by_anchor =
                std::any_of(anchors.begin(), anchors.end(), [&](const certificate& anchor) {
                    EVP_PKEY* key = X509_get0_pubkey(anchor.get());
                    return X509_NAME_cmp(X509_get_subject_name(anchor.get()), issuer) == 0 &&
                           key != nullptr && X509_CRL_verify(crl.get(), key) == 1;
                });
            ERR_clear_error();
            if (!signed_by_anchor) {
                return make_error(errc::invalid_argument,
                                  "the CRL is not signed by any of the trust anchors")
                    .with("file", file.string())
                    .with("issuer", name_text(issuer));
            }
        }
    }
    return {};
}

bool trust_store::has_crl_from(const X509_NAME* issuer_name) const noexcept {
    for (const x509_crl_ptr& crl : crls_) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), issuer_name) == 0) {
            return true;
        }
    }
    return false;
}

}  // namespace ncpeh::trust::x509
