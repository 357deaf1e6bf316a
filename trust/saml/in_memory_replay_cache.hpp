#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "trust/saml/replay_cache.hpp"

namespace ncpeh::trust::saml {

/// A `replay_cache` in process memory (one gateway instance). Expired entries are dropped
/// whenever the cache has grown by `purge_interval` entries since the last purge, so memory
/// stays bounded by the assertions alive at a time. Thread-safe (one mutex).
class in_memory_replay_cache final : public replay_cache {
  public:
    explicit in_memory_replay_cache(std::size_t purge_interval = 1024) noexcept
        : purge_interval_(purge_interval == 0 ? 1 : purge_interval) {}

    result<void> remember(std::string_view issuer, std::string_view id,
                          std::chrono::system_clock::time_point expires_at,
                          std::chrono::system_clock::time_point now) override;

    /// Entries currently held (expired ones may linger until the next purge).
    std::size_t size() const;

  private:
    void purge(std::chrono::system_clock::time_point now);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::chrono::system_clock::time_point> seen_;
    std::size_t purge_interval_;
    std::size_t size_at_last_purge_ = 0;
};

}  // namespace ncpeh::trust::saml
