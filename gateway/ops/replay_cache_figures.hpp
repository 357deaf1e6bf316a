#pragma once

#include <cstddef>
#include <functional>

#include "gateway/storage/postgres_replay_cache.hpp"
#include "trust/saml/in_memory_replay_cache.hpp"

namespace ncpeh::gateway::ops {

/// What the metrics and the "ncpeh.stats" line report of the replay cache in use.
struct replay_cache_figures {
    /// Assertion IDs remembered (on PostgreSQL: every instance's, as the last purge counted them).
    std::size_t entries = 0;
    /// Memory the entries take in this process (0 on PostgreSQL: they live in the database).
    std::size_t memory_bytes = 0;
};

/// Reads the figures when called; cheap (no database query), thread-safe.
using replay_cache_reader = std::function<replay_cache_figures()>;

/// The reader of each kind of replay cache; the cache outlives the reader.
replay_cache_reader figures_of(const trust::saml::in_memory_replay_cache& cache);
replay_cache_reader figures_of(const storage::postgres_replay_cache& cache);

}  // namespace ncpeh::gateway::ops
