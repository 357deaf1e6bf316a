#pragma once

#include "gateway/net/http_server.hpp"
#include "gateway/ops/metrics.hpp"
#include "gateway/ops/readiness.hpp"
#include "gateway/ops/traffic_history.hpp"

namespace ncpeh::gateway::ops {

/// What the ops listener serves from. Everything outlives the listener.
struct ops_sources {
    const metrics_registry& metrics;
    readiness_sources readiness;
    /// Read for the dashboard's newest transactions and KPIs; written when an operator unmasks.
    audit::audit_trail& audit;
    const traffic_history& history;
};

/// The ops listener's routes, all GET:
/// * `/healthz`: 200 `{"status":"serving"}` while the process serves;
/// * `/readyz`: 200 when every readiness check passes, else 503, with each check in the body
///   (`readiness_json`);
/// * `/metrics`: the Prometheus text format;
/// * `/`, `/dashboard.css`, `/dashboard.js`: the dashboard, which reads the routes below;
/// * `/api/transactions?limit=N[&unmask=true]`: the newest transactions of the audit trail,
///   identities masked unless `unmask=true`, an access that is audited (`ops-unmask`) before
///   anything is shown;
/// * `/api/kpi`: the current month's KPIs (computed at most once a minute: the query counts the
///   month's rows under the audit writer's lock);
/// * `/api/history`: the transactions of the last 24 hours per minute and partner.
/// Anything else is 404 (405 for another method), as JSON. Who may call is the listener's
/// business: loopback only, or operators' client certificates (`[trust] operator_tls`).
net::request_handler ops_routes(const ops_sources& sources);

}  // namespace ncpeh::gateway::ops
