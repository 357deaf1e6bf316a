#include "trust/x509/pem_file.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "trust/files/read_whole_file.hpp"

namespace ncpeh::trust::x509 {

namespace {

struct bio_deleter {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct x509_deleter {
    void operator()(X509* cert) const noexcept { X509_free(cert); }
};
struct pkey_deleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct crl_deleter {
    void operator()(X509_CRL* crl) const noexcept { X509_CRL_free(crl); }
};
using bio_ptr = std::unique_ptr<BIO, bio_deleter>;

result<bio_ptr> open_file(const std::filesystem::path& file) {
    bio_ptr bio(BIO_new_file(file.c_str(), "rb"));
    if (!bio) {
        ERR_clear_error();
        return make_error(errc::invalid_argument, "cannot read file").with("file", file.string());
    }
    return bio;
}

int password_callback(char* buffer, int size, int /*rwflag*/, void* userdata) {
    const auto* password = static_cast<const std::string*>(userdata);
    if (password == nullptr || password->size() > static_cast<std::size_t>(size)) {
        return -1;
    }
    password->copy(buffer, password->size());
    return static_cast<int>(password->size());
}

}  // namespace

result<std::string> read_pem_file(const std::filesystem::path& file) {
    constexpr std::size_t max_size = 1024 * 1024;
    return files::read_whole_file(file, max_size);
}

result<std::size_t> check_certificate_file(const std::filesystem::path& file) {
    auto bio = open_file(file);
    if (!bio) {
        return bio.error();
    }
    std::size_t count = 0;
    while (std::unique_ptr<X509, x509_deleter> cert{
        PEM_read_bio_X509(bio->get(), nullptr, nullptr, nullptr)}) {
        ++count;
    }
    ERR_clear_error();
    if (count == 0) {
        return make_error(errc::invalid_argument, "no PEM certificate in file")
            .with("file", file.string());
    }
    return count;
}

result<void> check_key_matches_certificate(const std::filesystem::path& certificate_file,
                                           const std::filesystem::path& key_file,
                                           const std::optional<std::string>& password) {
    auto cert_bio = open_file(certificate_file);
    if (!cert_bio) {
        return cert_bio.error();
    }
    std::unique_ptr<X509, x509_deleter> cert{
        PEM_read_bio_X509(cert_bio->get(), nullptr, nullptr, nullptr)};
    if (!cert) {
        ERR_clear_error();
        return make_error(errc::invalid_argument, "no PEM certificate in file")
            .with("file", certificate_file.string());
    }
    auto key_bio = open_file(key_file);
    if (!key_bio) {
        return key_bio.error();
    }
    std::string secret = password.value_or("");
    std::unique_ptr<EVP_PKEY, pkey_deleter> key{PEM_read_bio_PrivateKey(
        key_bio->get(), nullptr, password_callback, password ? &secret : nullptr)};
    if (!key) {
        ERR_clear_error();
        return make_error(errc::invalid_argument,
                          password ? "private key cannot be read (wrong password or not PEM)"
                                   : "private key cannot be read (not PEM, or encrypted and no "
                                     "password configured)")
            .with("file", key_file.string());
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        return make_error(errc::invalid_argument, "private key does not match the certificate")
            .with("file", key_file.string());
    }
    return {};
}

result<void> check_crl_file(const std::filesystem::path& file) {
    auto bio = open_file(file);
    if (!bio) {
        return bio.error();
    }
    std::unique_ptr<X509_CRL, crl_deleter> crl{
        PEM_read_bio_X509_CRL(bio->get(), nullptr, nullptr, nullptr)};
    if (!crl) {
        ERR_clear_error();
        return make_error(errc::invalid_argument, "no PEM certificate revocation list in file")
            .with("file", file.string());
    }
    return {};
}

}  // namespace ncpeh::trust::x509
