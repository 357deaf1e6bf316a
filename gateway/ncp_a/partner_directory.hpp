#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/configuration.hpp"

namespace ncpeh::gateway::ncp_a {

/// Maps a TLS client certificate to the partner country configured for it, by the SHA-256
/// fingerprint of the whole certificate — never by reading C= from the subject.
class partner_directory {
  public:
    explicit partner_directory(const std::vector<config::partner>& partners);

    /// The partner country of the certificate with this fingerprint, or nullopt when no partner
    /// lists it.
    std::optional<std::string> country_of(std::string_view certificate_sha256) const;

  private:
    std::map<std::string, std::string, std::less<>> country_by_fingerprint_;
};

}  // namespace ncpeh::gateway::ncp_a
