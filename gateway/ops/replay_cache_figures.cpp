#include "gateway/ops/replay_cache_figures.hpp"

namespace ncpeh::gateway::ops {

replay_cache_reader figures_of(const trust::saml::in_memory_replay_cache& cache) {
    return [&cache] { return replay_cache_figures{cache.size(), cache.memory_bytes()}; };
}

replay_cache_reader figures_of(const storage::postgres_replay_cache& cache) {
    return [&cache] { return replay_cache_figures{cache.size(), 0}; };
}

}  // namespace ncpeh::gateway::ops
