#include "gateway/national_api/pharmacy_directory.hpp"

namespace ncpeh::gateway::national_api {

pharmacy_directory::pharmacy_directory(const std::vector<pharmacy_system>& systems) {
    for (const pharmacy_system& system : systems) {
        for (const std::string& fingerprint : system.certificate_sha256) {
            by_fingerprint_.emplace(fingerprint, system.pharmacy);
        }
    }
}

std::optional<ncp_b::pharmacy> pharmacy_directory::pharmacy_of(
    std::string_view certificate_sha256) const {
    const auto found = by_fingerprint_.find(certificate_sha256);
    if (found == by_fingerprint_.end()) {
        return std::nullopt;
    }
    return found->second;
}

}  // namespace ncpeh::gateway::national_api
