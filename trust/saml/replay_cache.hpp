#pragma once

#include <chrono>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::trust::saml {

/// Remembers accepted assertions by (issuer, ID) until they expire, so the same assertion cannot
/// be presented twice (OpenNCP has no such cache). The embedded gateway uses
/// `in_memory_replay_cache`; a scaled-out deployment needs a shared store behind this interface
/// (architecture.md, Storage). Implementations are thread-safe.
class replay_cache {
  public:
    virtual ~replay_cache() = default;

    /// Records (issuer, id) as used until `expires_at`. Fails when the pair was recorded before
    /// and has not expired at `now`.
    /// Errors: `errc::assertion_replayed`.
    virtual result<void> remember(std::string_view issuer, std::string_view id,
                                  std::chrono::system_clock::time_point expires_at,
                                  std::chrono::system_clock::time_point now) = 0;
};

}  // namespace ncpeh::trust::saml
