#pragma once

#include "gateway/ncp_b/outbox_delivery.hpp"
#include "gateway/ops/metrics.hpp"

namespace ncpeh::gateway::ncp_b {

/// Registers the dispensation outbox's metrics, read at each scrape from `delivery` (no database
/// read): `ncpeh_outbox_records{status}` (queued, delivering, delivered, failed, as the loop last
/// counted them), `ncpeh_outbox_oldest_pending_seconds` (how long the oldest undelivered record
/// has waited; 0 when none), `ncpeh_outbox_attempts_total`, `ncpeh_outbox_delivered_total` and
/// `ncpeh_outbox_failed_total` (this process's), and `ncpeh_outbox_partners_held` (partners found
/// unreachable whose records wait). `delivery` must outlive `registry`'s scrapes.
void add_outbox_metrics(ops::metrics_registry& registry, const outbox_delivery& delivery);

}  // namespace ncpeh::gateway::ncp_b
