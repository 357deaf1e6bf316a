#include "gateway/ncp_a/partner_directory.hpp"

namespace ncpeh::gateway::ncp_a {

partner_directory::partner_directory(const std::vector<config::partner>& partners) {
    for (const config::partner& partner : partners) {
        for (const std::string& fingerprint : partner.tls_certificate_sha256) {
            country_by_fingerprint_.emplace(fingerprint, partner.country);
        }
    }
}

std::optional<std::string> partner_directory::country_of(
    std::string_view certificate_sha256) const {
    const auto it = country_by_fingerprint_.find(certificate_sha256);
    if (it == country_by_fingerprint_.end()) {
        return std::nullopt;
    }
    return it->second;
}

}  // namespace ncpeh::gateway::ncp_a
