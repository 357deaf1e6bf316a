#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "samples/foreign-ncp/finland_ncp_a.hpp"

namespace ncpeh::samples::foreign_ncp {

/// What `foreign-ncp serve` is started with.
struct serve_options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;  ///< 0: a free port, printed on standard output
    std::filesystem::path pki;
    std::string tls = "fi-tls";  ///< our TLS server credential (file stem in `pki`)
    std::vector<std::filesystem::path> documents;
    std::filesystem::path received;  ///< empty: submissions are checked but not kept
    std::string peer_country = "SE";
    /// The one TLS client admitted: a dev-PKI credential's file stem, a PEM file, or a SHA-256
    /// fingerprint (64 hex digits, colons allowed).
    std::string peer_tls = "se-tls";
    fault_settings faults;
    /// A line per admitted request on standard error (its path), for tests that count calls.
    bool log_requests = false;
};

/// Runs Finland's NCP-A (`finland_ncp_a`) on a mutual-TLS listener (`gateway::net::http_server`,
/// server context from `gateway::net::make_server_tls_context` with the FI TLS credential and the
/// dev CA's partner anchors) until SIGTERM or SIGINT, then shuts down gracefully. Prints the bound
/// port as the first line on standard output, then "listening on HOST:PORT" on standard error.
/// Returns the exit status; throws std::runtime_error for unusable options or files.
int serve_finland(const serve_options& options);

}  // namespace ncpeh::samples::foreign_ncp
