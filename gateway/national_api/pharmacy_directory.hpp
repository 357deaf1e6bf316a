#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/national_api/fingerprint_directory.hpp"
#include "gateway/ncp_b/care_setting.hpp"

namespace ncpeh::gateway::national_api {

/// A pharmacy and the SHA-256 fingerprints of its systems' TLS client certificates.
struct pharmacy_system {
    ncp_b::pharmacy pharmacy;
    std::vector<std::string> certificate_sha256;
};

/// Maps a pharmacy system's TLS client certificate to its pharmacy, by fingerprint (never by
/// reading the subject).
class pharmacy_directory {
  public:
    explicit pharmacy_directory(const std::vector<pharmacy_system>& systems);

    /// The pharmacy of the certificate with this fingerprint, or nullopt.
    std::optional<ncp_b::pharmacy> pharmacy_of(std::string_view certificate_sha256) const;

  private:
    fingerprint_directory<ncp_b::pharmacy> directory_;
};

}  // namespace ncpeh::gateway::national_api
