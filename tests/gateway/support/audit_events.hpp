#pragma once

#include <string>

#include "gateway/audit/audit_event.hpp"

namespace ncpeh::testing {

/// A country-A transaction: a pharmacist in Finland asks about the fictional Tolvan Testsson, at a
/// fixed time (2026-11-18T11:06:40.123Z), with every participant and message id filled in.
gateway::audit::audit_event from_finland(std::string transaction);

/// A country-B transaction (`ncp-b-` + `transaction`): a Swedish pharmacist asks Finland about a
/// fictional Finnish patient; Finland's server certificate and answer are named as a completed
/// call names them. Calls after the patient's identification carry the TRC we issued.
gateway::audit::audit_event to_finland(const std::string& transaction);

}  // namespace ncpeh::testing
