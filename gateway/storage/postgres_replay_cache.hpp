#pragma once

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>

#include "gateway/storage/postgres_pool.hpp"
#include "trust/saml/replay_cache.hpp"

namespace ncpeh::gateway::storage {

/// The replay cache of several gateway instances on one PostgreSQL database (schema step 101,
/// `ncpeh_replay_cache`): an assertion accepted by any instance is refused by every other until
/// it expires. A row is keyed by the SHA-256 of (issuer, NUL, ID), so its size does not depend on
/// their lengths. `remember` is one statement (INSERT … ON CONFLICT DO UPDATE … WHERE the old
/// entry has expired … RETURNING): of instances racing on one assertion, exactly one is told
/// it is new. Fails closed: when the database cannot be used the assertion is refused.
/// Thread-safe.
class postgres_replay_cache final : public trust::saml::replay_cache {
  public:
    /// `pool` outlives the cache.
    explicit postgres_replay_cache(postgres_pool& pool) noexcept : pool_(pool) {}

    /// Blocks the calling thread until the database answered (`postgres_pool::run_blocking`):
    /// never call it on an I/O thread (the gateway verifies assertions on its `heavy_work` pool
    /// when this cache is in use: `responder_services::replay_blocks`).
    /// Errors: `errc::assertion_replayed`; `errc::storage_unavailable` (not recorded: the
    /// verification refuses the assertion).
    result<void> remember(std::string_view issuer, std::string_view id,
                          std::chrono::system_clock::time_point expires_at,
                          std::chrono::system_clock::time_point now) override;

    /// Deletes the entries expired at `now` (every instance may do it: the gateway does once a
    /// minute), then counts those left for `size()`. Returns how many it deleted.
    /// Errors: `errc::storage_unavailable`.
    boost::asio::awaitable<result<std::size_t>> purge_expired(
        std::chrono::system_clock::time_point now);

    /// The entries of every instance as the last purge counted them (0 before the first): no
    /// query, so metrics and the stats line can read it at any time.
    std::size_t size() const noexcept { return size_.load(std::memory_order_relaxed); }

  private:
    postgres_pool& pool_;
    std::atomic<std::size_t> size_{0};
};

}  // namespace ncpeh::gateway::storage
