#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "gateway/log/json_log.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/soap/request.hpp"

namespace ncpeh::gateway::ncp_a {

/// One decoded cross-border request on its way through a transaction's stages.
struct exchange {
    const peer& caller;
    /// Mutable only so that the assertion checks can register IDs in the parsed envelope, which
    /// is verified as parsed rather than parsed a second time.
    soap::decoded_request& request;
    log::logger logger;
    std::chrono::system_clock::time_point received_at;
    unsigned http_version = 11;
    /// The wsa:MessageID of our answer, chosen before the transaction is audited so that the
    /// audit trail can name it; empty: `reply_headers` makes a fresh one.
    std::string response_message_id = {};
};

}  // namespace ncpeh::gateway::ncp_a
