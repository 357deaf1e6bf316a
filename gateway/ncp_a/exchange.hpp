#pragma once

#include <chrono>
#include <string_view>

#include "gateway/log/json_log.hpp"
#include "gateway/server/https_server.hpp"
#include "gateway/soap/request.hpp"

namespace ncpeh::gateway::ncp_a {

/// One decoded cross-border request on its way through a transaction's stages.
struct exchange {
    const server::peer& caller;
    const soap::decoded_request& request;
    /// The SOAP envelope text (the MTOM root part for MTOM requests): what the assertion
    /// signatures are verified on.
    std::string_view envelope_xml;
    log::logger logger;
    std::chrono::system_clock::time_point received_at;
    unsigned http_version = 11;
};

}  // namespace ncpeh::gateway::ncp_a
