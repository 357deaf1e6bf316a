#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::gateway::national_api {

/// Maps TLS client certificates to whoever holds them by their SHA-256 fingerprints, never by
/// reading the subject: the one lookup behind `pharmacy_directory` and `eservice_directory`.
template <typename Holder>
class fingerprint_directory {
  public:
    void add(const std::vector<std::string>& certificate_sha256, const Holder& holder) {
        for (const std::string& fingerprint : certificate_sha256) {
            by_fingerprint_.emplace(fingerprint, holder);
        }
    }

    /// The holder of the certificate with this fingerprint, or nullopt.
    std::optional<Holder> holder_of(std::string_view certificate_sha256) const {
        const auto found = by_fingerprint_.find(certificate_sha256);
        if (found == by_fingerprint_.end()) {
            return std::nullopt;
        }
        return found->second;
    }

  private:
    std::map<std::string, Holder, std::less<>> by_fingerprint_;
};

}  // namespace ncpeh::gateway::national_api
