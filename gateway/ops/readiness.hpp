#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "gateway/audit/audit_trail.hpp"
#include "gateway/ops/probe_http.hpp"
#include "gateway/ops/trust_inventory.hpp"

namespace ncpeh::gateway::ops {

/// One thing the gateway needs in order to work, and whether it has it now.
struct readiness_check {
    std::string name;  ///< "national_store", "database", "credential tls_server", …
    bool ok = false;
    std::string why;  ///< what is wrong; empty when ok
};

/// What readiness looks at. Everything outlives the checks.
struct readiness_sources {
    http_probe_target national_store;
    std::chrono::milliseconds national_store_timeout{2000};
    const audit::audit_trail& audit;
    trust_inventory_source trust;
};

/// Every check, in a fixed order: the national store answers its FHIR capability statement
/// (any answer below 500), the audit database can be written, then each credential, anchor and
/// CRL is usable at `now`.
boost::asio::awaitable<std::vector<readiness_check>> check_readiness(
    const readiness_sources& sources, std::chrono::sys_seconds now);

/// Whether every check passed.
bool is_ready(const std::vector<readiness_check>& checks);

/// `{"ready": …, "checks": [{"name", "state": "ok"|"failing", "why"}]}`; ready when every check is.
std::string readiness_json(const std::vector<readiness_check>& checks);

}  // namespace ncpeh::gateway::ops
