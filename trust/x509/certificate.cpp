#include "trust/x509/certificate.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cctype>

#include "trust/x509/pem_file.hpp"

namespace ncpeh::trust::x509 {

std::string name_text(const X509_NAME* name) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) {
        ERR_clear_error();
        return {};
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string{};
}

std::string common_name_of(const X509& cert) {
    const X509_NAME* name = X509_get_subject_name(&cert);
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0) {
        return {};
    }
    unsigned char* utf8 = nullptr;
    const int length =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (length < 0) {
        ERR_clear_error();
        return {};
    }
    std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return text;
}

result<certificate> certificate::from_base64_der(std::string_view text) {
    std::string compact;
    compact.reserve(text.size());
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) == 0) {
            compact.push_back(c);
        }
    }
    auto bad = [] {
        return make_error(errc::signature_key_untrusted,
                          "ds:X509Certificate does not hold a base64 DER certificate");
    };
    if (compact.empty() || compact.size() % 4 != 0) {
        return bad();
    }
    std::vector<unsigned char> der(compact.size() / 4 * 3);
    const int decoded =
        EVP_DecodeBlock(der.data(), reinterpret_cast<const unsigned char*>(compact.data()),
                        static_cast<int>(compact.size()));
    if (decoded < 0) {
        ERR_clear_error();
        return bad();
    }
    std::size_t length = static_cast<std::size_t>(decoded);
    if (compact.ends_with("==")) {
        length -= 2;
    } else if (compact.ends_with("=")) {
        length -= 1;
    }
    const unsigned char* cursor = der.data();
    x509_ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(length)));
    if (!cert || cursor != der.data() + length) {
        ERR_clear_error();
        return bad();
    }
    return certificate(std::move(cert));
}

result<std::vector<certificate>> certificate::from_pem(std::string_view pem) {
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) {
        return make_error(errc::internal, "OpenSSL could not allocate a memory BIO");
    }
    std::vector<certificate> found;
    while (x509_ptr cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        found.emplace_back(std::move(cert));
    }
    ERR_clear_error();
    if (found.empty()) {
        return make_error(errc::invalid_argument, "no PEM certificate found");
    }
    return found;
}

result<std::vector<certificate>> certificate::load_pem_file(const std::filesystem::path& file) {
    auto text = read_pem_file(file);
    if (!text) {
        return text.error();
    }
    auto certs = from_pem(*text);
    if (!certs) {
        return std::move(certs.error()).with("file", file.string());
    }
    return certs;
}

std::string certificate::subject() const {
    return name_text(X509_get_subject_name(cert_.get()));
}

std::string certificate::issuer() const {
    return name_text(X509_get_issuer_name(cert_.get()));
}

std::string certificate::country() const {
    const X509_NAME* name = X509_get_subject_name(cert_.get());
    const int index = X509_NAME_get_index_by_NID(name, NID_countryName, -1);
    if (index < 0) {
        return {};
    }
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    std::string country(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                        static_cast<std::size_t>(ASN1_STRING_length(value)));
    for (char& c : country) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return country;
}

std::string certificate::base64_der() const {
    unsigned char* der = nullptr;
    const int length = i2d_X509(cert_.get(), &der);
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    std::string text(static_cast<std::size_t>(4 * ((length + 2) / 3)), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), der, length);
    OPENSSL_free(der);
    return text;
}

}  // namespace ncpeh::trust::x509
