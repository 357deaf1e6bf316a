#include "trust/x509/validity.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "trust/x509/asn1_time.hpp"
#include "trust/x509/certificate.hpp"
#include "trust/x509/openssl_ptr.hpp"
#include "trust/x509/pem_file.hpp"

namespace ncpeh::trust::x509 {

result<std::vector<validity_window>> certificate_windows(const std::filesystem::path& pem_file) {
    auto certificates = certificate::load_pem_file(pem_file);
    if (!certificates) {
        return certificates.error();
    }
    std::vector<validity_window> windows;
    for (const certificate& each : *certificates) {
        windows.push_back(
            {each.subject(),
             time_of(X509_get0_notBefore(each.get())).value_or(std::chrono::sys_seconds::max()),
             time_of(X509_get0_notAfter(each.get())).value_or(std::chrono::sys_seconds::min())});
    }
    return windows;
}

result<std::vector<validity_window>> crl_windows(const std::filesystem::path& pem_file) {
    auto text = read_pem_file(pem_file);
    if (!text) {
        return text.error();
    }
    bio_ptr in(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
    std::vector<validity_window> windows;
    while (X509_CRL* raw = PEM_read_bio_X509_CRL(in.get(), nullptr, nullptr, nullptr)) {
        const x509_crl_ptr crl(raw);
        const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl.get());
        windows.push_back(
            {name_text(X509_CRL_get_issuer(crl.get())),
             time_of(X509_CRL_get0_lastUpdate(crl.get())).value_or(std::chrono::sys_seconds::max()),
             next == nullptr ? std::chrono::sys_seconds::max()
                             : time_of(next).value_or(std::chrono::sys_seconds::min())});
    }
    ERR_clear_error();  // the end of the text reads as "no start line"
    if (windows.empty()) {
        return make_error(errc::invalid_argument, "no certificate revocation list in the file")
            .with("file", pem_file.string());
    }
    return windows;
}

}  // namespace ncpeh::trust::x509
