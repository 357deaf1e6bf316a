#include "gateway/national_api/pharmacy_directory.hpp"

namespace ncpeh::gateway::national_api {

pharmacy_directory::pharmacy_directory(const std::vector<pharmacy_system>& systems) {
    for (const pharmacy_system& system : systems) {
        directory_.add(system.certificate_sha256, system.pharmacy);
    }
}

std::optional<ncp_b::pharmacy> pharmacy_directory::pharmacy_of(
    std::string_view certificate_sha256) const {
    return directory_.holder_of(certificate_sha256);
}

}  // namespace ncpeh::gateway::national_api
