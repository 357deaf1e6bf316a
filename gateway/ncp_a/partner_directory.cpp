#include "gateway/server/partner_directory.hpp"

#include "trust/x509/fingerprint.hpp"

namespace ncpeh::gateway::server {

partner_directory::partner_directory(const std::vector<config::partner>& partners) {
    for (const config::partner& partner : partners) {
        for (const std::string& fingerprint : partner.tls_certificate_sha256) {
            country_by_fingerprint_.emplace(fingerprint, partner.country);
        }
    }
}

std::optional<std::string> partner_directory::country_of(X509& certificate) const {
    const auto it = country_by_fingerprint_.find(trust::x509::sha256_fingerprint(certificate));
    if (it == country_by_fingerprint_.end()) {
        return std::nullopt;
    }
    return it->second;
}

}  // namespace ncpeh::gateway::server
