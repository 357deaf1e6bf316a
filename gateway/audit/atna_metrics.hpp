#pragma once

#include "gateway/audit/atna_export.hpp"
#include "gateway/ops/metrics.hpp"

namespace ncpeh::gateway::audit {

/// Registers the ATNA export's metrics, read at each scrape from what `exporter` last counted
/// (no database read): `ncpeh_audit_export_backlog` (messages spooled, not yet delivered),
/// `ncpeh_audit_export_oldest_seconds` (how long the oldest of them has waited; 0 when none),
/// `ncpeh_audit_export_connected` (1 while a connection to the repository is open) and
/// `ncpeh_audit_exported_total` (messages this process delivered). `exporter` must outlive
/// `registry`'s scrapes.
void add_atna_metrics(ops::metrics_registry& registry, const atna_exporter& exporter);

}  // namespace ncpeh::gateway::audit
