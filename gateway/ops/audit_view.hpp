#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/audit/audit_event.hpp"
#include "gateway/audit/kpi.hpp"

namespace ncpeh::gateway::ops {

/// A patient id (CX `ext^^^&root&ISO`) as an operator sees it by default: the identifier type
/// (root) stays, the identifier itself becomes `********` (fixed length, so it tells nothing).
std::string masked_patient_id(std::string_view cx);

/// The newest transactions for the dashboard, as JSON:
/// `{"unmasked": bool, "transactions": [{"at", "transaction", "partner", "outcome", "error",
/// "patient", "requester", "role", "documents", "message_id"}]}`. Patient ids and the
/// professional's id are masked unless `unmasked`.
std::string transactions_json(const std::vector<audit::audit_event>& events, bool unmasked);

/// The KPI rows as JSON: `{"from", "to", "rows": [{"month", "country", "all", "eP", "eD",
/// "eD_discard", "failed"}]}`.
std::string kpi_json(std::string_view from, std::string_view to,
                     const std::vector<audit::kpi_row>& rows);

}  // namespace ncpeh::gateway::ops
