#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ops {

/// Where a readiness probe asks (plain HTTP).
struct http_probe_target {
    std::string host;
    std::uint16_t port = 0;
    std::string path;  ///< "/fhir/metadata"
};

/// One GET on a fresh connection, within `timeout` for everything: the HTTP status answered.
/// Errors: `errc::national_store_unreachable` when it cannot connect, send or read in time.
boost::asio::awaitable<result<unsigned>> probe_http(const http_probe_target& target,
                                                    std::chrono::milliseconds timeout);

}  // namespace ncpeh::gateway::ops
