#include "trust/x509/trust_store.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <fstream>
#include <iterator>

namespace ncpeh::trust::x509 {

namespace {

result<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return make_error(errc::invalid_argument, "cannot read file").with("file", file.string());
    }
    return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

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
        return std::move(anchors.error());
    }
    auto crls = read_crls(crls_pem);
    if (!crls) {
        return std::move(crls.error());
    }
    x509_store_ptr store(X509_STORE_new());
    if (!store) {
        return make_error(errc::internal, "OpenSSL could not allocate an X509_STORE");
    }
    for (const certificate& anchor : *anchors) {
        if (X509_STORE_add_cert(store.get(), anchor.get()) != 1) {
            ERR_clear_error();  // a duplicate anchor is harmless
        }
    }
    for (const x509_crl_ptr& crl : *crls) {
        if (X509_STORE_add_crl(store.get(), crl.get()) != 1) {
            ERR_clear_error();
        }
    }
    return trust_store(kind, std::move(store), std::move(*anchors), std::move(*crls));
}

result<trust_store> trust_store::load(store_kind kind, const std::filesystem::path& anchors_file,
                                      const std::vector<std::filesystem::path>& crl_files) {
    auto anchors = read_file(anchors_file);
    if (!anchors) {
        return std::move(anchors.error());
    }
    std::string crls;
    for (const auto& file : crl_files) {
        auto text = read_file(file);
        if (!text) {
            return std::move(text.error());
        }
        crls += *text;
        crls += '\n';
    }
    auto store = from_pem(kind, *anchors, crls);
    if (!store) {
        return std::move(store.error()).with("file", anchors_file.string());
    }
    return store;
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
