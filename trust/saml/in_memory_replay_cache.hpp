#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "trust/saml/replay_cache.hpp"

namespace ncpeh::trust::saml {

/// A `replay_cache` in process memory (one gateway instance). An entry is the SHA-256 of
/// (issuer, ID), cut to 128 bits, and its expiry: about 50 bytes, whatever the lengths of the
/// issuer and the ID (a different pair with the same 128 bits, at 2^-64 odds even among billions
/// of entries, would only be refused as a replay: fail closed). Expired entries are dropped
/// whenever the cache has grown by `purge_interval` entries since the last purge.
///
/// Bound: entries live until the assertion's NotOnOrAfter plus the clock skew, and the policy
/// limits an HCP assertion to 4 hours and a TRC assertion to 2 (check_assertion_policy.hpp). So
/// the cache holds at most the assertions accepted in the last 4 hours and 2 minutes; with a
/// fresh HCP and TRC assertion per request, R requests a second keep about R × 6.07 h × 3600
/// entries (R = 100: 2.2 million, about 125 MB; measured: 115 bytes a request). Real peers reuse an
/// HCP assertion for a pharmacist's session, which keeps it far lower. `size()` and
/// `memory_bytes()` are reported in the `ncpeh.stats` log line. Thread-safe (one mutex).
class in_memory_replay_cache final : public replay_cache {
  public:
    explicit in_memory_replay_cache(std::size_t purge_interval = 1024) noexcept
        : purge_interval_(purge_interval == 0 ? 1 : purge_interval) {}

    result<void> remember(std::string_view issuer, std::string_view id,
                          std::chrono::system_clock::time_point expires_at,
                          std::chrono::system_clock::time_point now) override;

    /// Entries currently held (expired ones may linger until the next purge).
    std::size_t size() const;

    /// Memory the entries and the table take, estimated from their count and the table size.
    std::size_t memory_bytes() const;

    /// Drops the entries expired at `now` (the gateway calls it once a minute, so that memory is
    /// given back when traffic stops too). Returns how many were dropped.
    std::size_t purge_expired(std::chrono::system_clock::time_point now);

  private:
    using digest = std::array<std::uint64_t, 2>;
    struct digest_hash {
        std::size_t operator()(const digest& d) const noexcept { return d[0]; }
    };

    static digest digest_of(std::string_view issuer, std::string_view id);
    void purge(std::chrono::system_clock::time_point now);  // mutex_ held

    mutable std::mutex mutex_;
    std::unordered_map<digest, std::chrono::system_clock::time_point, digest_hash> seen_;
    std::size_t purge_interval_;
    std::size_t size_at_last_purge_ = 0;
};

}  // namespace ncpeh::trust::saml
