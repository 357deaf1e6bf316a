#pragma once

#include <vector>

#include "gateway/audit/audit_trail.hpp"
#include "gateway/net/http_server.hpp"
#include "gateway/ops/metrics.hpp"
#include "gateway/ops/replay_cache_figures.hpp"
#include "gateway/ops/trust_inventory.hpp"

namespace ncpeh::gateway::ops {

/// What the runtime metrics read at each scrape. Everything outlives the registry's use.
struct runtime_sources {
    const net::http_server& ncp;
    replay_cache_reader replay;
    const audit::audit_trail& audit;
    trust_inventory_source trust;
};

/// Registers the metrics read at each scrape: build information, open connections and TLS
/// handshakes of the cross-border listener with its refusals and failed handshakes, the replay
/// cache's entries and bytes, whether the audit database can be written, the resident memory,
/// and the seconds until each credential, anchor and CRL stops being usable.
void add_runtime_metrics(metrics_registry& registry, runtime_sources sources);

}  // namespace ncpeh::gateway::ops
