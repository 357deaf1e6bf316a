#include "trust/x509/fingerprint.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <memory>

namespace ncpeh::trust::x509 {

std::string sha256_fingerprint(X509& certificate) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(&certificate, EVP_sha256(), digest, &length) != 1) {
        return {};
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0F];
    }
    return out;
}

std::optional<std::string> sha256_fingerprint_of_file(const std::filesystem::path& file) {
    std::unique_ptr<FILE, decltype(&std::fclose)> handle(std::fopen(file.c_str(), "rb"),
                                                         &std::fclose);
    if (!handle) {
        return std::nullopt;
    }
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_X509(handle.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!cert) {
        return std::nullopt;
    }
    std::string fingerprint = sha256_fingerprint(*cert);
    if (fingerprint.empty()) {
        return std::nullopt;
    }
    return fingerprint;
}

}  // namespace ncpeh::trust::x509
