#include "trust/xmldsig/signing_credential.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/openssl/x509.h>

#include "trust/x509/pem_file.hpp"

namespace ncpeh::trust::xmldsig {

result<signing_credential> signing_credential::from_pem(
    std::string_view certificate_pem, std::string_view key_pem,
    const std::optional<std::string>& password) {
    if (auto started = initialise_xmlsec(); !started) {
        return started.error();
    }
    auto certs = x509::certificate::from_pem(certificate_pem);
    if (!certs) {
        return certs.error();
    }
    key_ptr key(xmlSecOpenSSLAppKeyLoadMemory(
        reinterpret_cast<const xmlSecByte*>(key_pem.data()),
        static_cast<xmlSecSize>(key_pem.size()), xmlSecKeyDataFormatPem,
        password ? password->c_str() : nullptr, nullptr, nullptr));
    if (!key) {
        take_xmlsec_error();
        ERR_clear_error();
        return make_error(errc::invalid_argument, "private key cannot be read");
    }
    if (xmlSecOpenSSLAppKeyCertLoadMemory(
            key.get(), reinterpret_cast<const xmlSecByte*>(certificate_pem.data()),
            static_cast<xmlSecSize>(certificate_pem.size()), xmlSecKeyDataFormatPem) < 0) {
        take_xmlsec_error();
        ERR_clear_error();
        return make_error(errc::invalid_argument, "certificate cannot be attached to the key");
    }
    EVP_PKEY* private_key = xmlSecOpenSSLEvpKeyDataGetEvp(xmlSecKeyGetValue(key.get()));
    x509::certificate& cert = certs.value().front();
    if (private_key == nullptr || X509_check_private_key(cert.get(), private_key) != 1) {
        ERR_clear_error();
        return make_error(errc::invalid_argument, "private key does not match the certificate");
    }
    const bool is_ec = EVP_PKEY_get_base_id(private_key) == EVP_PKEY_EC;
    return signing_credential(std::move(key), std::move(cert), is_ec);
}

result<signing_credential> signing_credential::load(const std::filesystem::path& certificate_file,
                                                    const std::filesystem::path& key_file,
                                                    const std::optional<std::string>& password) {
    auto cert = x509::read_pem_file(certificate_file);
    if (!cert) {
        return cert.error();
    }
    auto key = x509::read_pem_file(key_file);
    if (!key) {
        return key.error();
    }
    auto credential = from_pem(*cert, *key, password);
    if (!credential) {
        return std::move(credential.error()).with("file", key_file.string());
    }
    return credential;
}

result<key_ptr> signing_credential::copy_key() const {
    // Not xmlSecKeyDuplicate: it copies the certificate with X509_dup, a full DER decode through
    // OpenSSL 3's decoders that cost more than the ECDSA signature itself. The copy shares the
    // private key and the certificate by reference count instead.
    key_ptr copy(xmlSecKeyCreate());
    if (!copy) {
        return xmlsec_failure(errc::internal, "xmlsec could not create a key");
    }
    xmlSecKeyDataPtr value = xmlSecKeyDataDuplicate(xmlSecKeyGetValue(key_.get()));
    if (value == nullptr) {
        return xmlsec_failure(errc::internal, "xmlsec could not copy the signing key");
    }
    if (xmlSecKeySetValue(copy.get(), value) < 0) {
        xmlSecKeyDataDestroy(value);
        return xmlsec_failure(errc::internal, "xmlsec could not copy the signing key");
    }
    xmlSecKeyDataPtr x509_data = xmlSecKeyEnsureData(copy.get(), xmlSecOpenSSLKeyDataX509Id);
    if (x509_data == nullptr) {
        return xmlsec_failure(errc::internal, "xmlsec could not attach the certificate");
    }
    // As xmlSecOpenSSLAppKeyCertLoad does: the certificate is the key's and the one KeyInfo lists.
    X509* cert = certificate_.get();
    for (auto adopt : {xmlSecOpenSSLKeyDataX509AdoptKeyCert, xmlSecOpenSSLKeyDataX509AdoptCert}) {
        X509_up_ref(cert);
        if (adopt(x509_data, cert) < 0) {
            X509_free(cert);
            return xmlsec_failure(errc::internal, "xmlsec could not attach the certificate");
        }
    }
    return copy;
}

}  // namespace ncpeh::trust::xmldsig
