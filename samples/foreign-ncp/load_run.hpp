#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <boost/asio/ssl/context.hpp>

namespace ncpeh::samples::foreign_ncp {

struct load_options {
    std::string host = "127.0.0.1";
    unsigned short port = 8443;
    std::size_t connections = 16;
    /// Requests per second to offer (open loop, latency measured from each request's scheduled
    /// start so a slow server cannot hide queueing); 0 = as fast as the connections allow.
    double rate = 0;
    /// A response counts as a success when it is HTTP 200 and contains this text.
    std::string success_marker = "ResponseStatusType:Success";
};

/// One completed request: when it was due (from the start of the run) and how long it took.
struct load_exchange {
    std::chrono::duration<double> scheduled_at;
    double latency_ms;
};

struct load_report {
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::chrono::duration<double> connecting{0};  ///< opening every connection, before the run
    std::chrono::duration<double> elapsed{0};     ///< the run itself
    std::chrono::duration<double> cpu{0};         ///< CPU time the client spent on the run
    std::vector<double> latencies_ms;             ///< of every completed request, sorted
    std::vector<load_exchange> exchanges;         ///< every completed request, in finishing order
    std::string first_failure;                    ///< the first unexpected answer, shortened

    double throughput() const { return static_cast<double>(succeeded) / elapsed.count(); }
    /// The q-quantile (0..1) of the latencies, in milliseconds.
    double quantile_ms(double q) const;
};

/// Opens `options.connections` mutual-TLS connections, then sends every envelope once over them
/// (kept alive) and measures each exchange; the clock starts when every connection is open.
/// Envelopes are prepared before the run (each carries its own signed, never replayed assertions),
/// so the client spends its time on I/O only. Runs on the calling thread. Throws when a connection
/// cannot be opened.
load_report run_load(const load_options& options, boost::asio::ssl::context& tls,
                     const std::vector<std::string>& envelopes);

}  // namespace ncpeh::samples::foreign_ncp
