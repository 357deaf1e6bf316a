#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>

#include "gateway/net/http_server.hpp"
#include "gateway/ops/replay_cache_figures.hpp"

namespace ncpeh::gateway::ops {

/// What the "ncpeh.stats" line reports, read when each line is written. Both outlive the loop.
struct stats_sources {
    const net::http_server& ncp;
    replay_cache_reader replay;
};

/// Writes an "ncpeh.stats" log line every `interval` until its coroutine is cancelled or its
/// io_context stops: open connections, TLS handshakes under way, replay-cache entries and their
/// estimated bytes, and resident memory. The operator's view of these until a metrics endpoint
/// exists; nothing in it is personal data.
boost::asio::awaitable<void> log_stats_every(std::chrono::seconds interval, stats_sources sources);

}  // namespace ncpeh::gateway::ops
