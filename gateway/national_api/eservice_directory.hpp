#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/national_api/fingerprint_directory.hpp"

namespace ncpeh::gateway::national_api {

/// A client of the patient e-services (`[[patient_eservice]]`): it may read Swedish patients'
/// cross-border access logs, and nothing else of the national API.
struct eservice_client {
    std::string name;  ///< e.g. "1177", for logs and the audit trail
    /// The register's own client: the only one answered with a protected identity's entries.
    bool register_client = false;
    friend bool operator==(const eservice_client&, const eservice_client&) = default;
};

/// A patient e-service and the SHA-256 fingerprints of its TLS client certificates.
struct eservice_system {
    eservice_client client;
    std::vector<std::string> certificate_sha256;
};

/// Maps a patient e-service's TLS client certificate to the client, by fingerprint (never by
/// reading the subject), as `pharmacy_directory` does for pharmacy systems.
class eservice_directory {
  public:
    explicit eservice_directory(const std::vector<eservice_system>& systems);

    /// The client of the certificate with this fingerprint, or nullopt.
    std::optional<eservice_client> client_of(std::string_view certificate_sha256) const;

  private:
    fingerprint_directory<eservice_client> directory_;
};

}  // namespace ncpeh::gateway::national_api
