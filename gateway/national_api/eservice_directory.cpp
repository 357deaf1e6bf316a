#include "gateway/national_api/eservice_directory.hpp"

namespace ncpeh::gateway::national_api {

eservice_directory::eservice_directory(const std::vector<eservice_system>& systems) {
    for (const eservice_system& system : systems) {
        directory_.add(system.certificate_sha256, system.client);
    }
}

std::optional<eservice_client> eservice_directory::client_of(
    std::string_view certificate_sha256) const {
    return directory_.holder_of(certificate_sha256);
}

}  // namespace ncpeh::gateway::national_api
