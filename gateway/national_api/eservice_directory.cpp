#include "gateway/national_api/eservice_directory.hpp"

namespace ncpeh::gateway::national_api {

eservice_directory::eservice_directory(const std::vector<eservice_system>& systems) {
    for (const eservice_system& system : systems) {
        for (const std::string& fingerprint : system.certificate_sha256) {
            by_fingerprint_.emplace(fingerprint, system.client);
        }
    }
}

std::optional<eservice_client> eservice_directory::client_of(
    std::string_view certificate_sha256) const {
    const auto found = by_fingerprint_.find(certificate_sha256);
    if (found == by_fingerprint_.end()) {
        return std::nullopt;
    }
    return found->second;
}

}  // namespace ncpeh::gateway::national_api
