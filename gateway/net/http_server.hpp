#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/log/rate_limit.hpp"
#include "gateway/net/handshake_admission.hpp"
#include "gateway/net/handshake_failure.hpp"
#include "gateway/net/tls_context.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::net {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;

/// The other end of a connection, as the transport knows it. What the certificate means (a
/// partner country, a pharmacy, an operator) is the listener's authentication policy, applied by
/// its handler.
struct connection_info {
    std::string remote_address;
    /// SHA-256 fingerprint of the verified TLS client certificate; empty on a plain listener or
    /// when the client presented none.
    std::string certificate_sha256;
    /// The CN of that certificate (the audit trail's participant), empty when it has none.
    std::string certificate_common_name = {};
    /// True when the connection came over TLS.
    bool tls = false;
};

/// The application behind a listener: one request in, one response out. It must not throw; if
/// it does, the server logs it and answers a plain 500.
using request_handler =
    std::function<boost::asio::awaitable<response>(const connection_info&, request&&)>;

struct server_limits {
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 16 * 1024 * 1024;
    /// Time allowed for the TLS handshake. Short: a partner's takes milliseconds.
    std::chrono::milliseconds handshake_timeout{3000};
    /// Time allowed to receive one whole request, and to wait for the next on a kept-alive
    /// connection.
    std::chrono::milliseconds read_timeout{15000};
    std::chrono::milliseconds write_timeout{30000};
    /// Connections being served: on a TLS listener those that finished the handshake with a
    /// trusted certificate (the clients' capacity, which connections without a certificate
    /// never take); on a plain listener every accepted connection.
    unsigned max_connections = 512;
    /// Connections still in the TLS handshake, in all and per source address (see
    /// `handshake_admission`).
    unsigned max_handshakes = 128;
    unsigned max_handshakes_per_address = 32;
    /// How long in-flight requests may take to finish after shutdown begins.
    std::chrono::milliseconds shutdown_grace{10000};
};

/// One HTTP/1.1 listener, the core of every ncpeh listener (cross-border, national, ops) and of
/// the reference national store: mutual TLS when given a context (from
/// `make_server_tls_context`) or plain HTTP without one; keep-alive with chunked bodies and
/// 100-continue, header/body size limits, read/write timeouts, separate caps for connections in
/// the TLS handshake and for served connections, and graceful shutdown. Broken connections are
/// logged with the remote address, at a bounded rate. One coroutine per connection: on one of
/// the `session_executors` in turn (each of a single-threaded io_context, so the connection
/// never changes thread), or without them on a strand of `executor`.
class http_server {
  public:
    /// `name` tells this listener's log lines apart ("ncp", "ops", …). `tls` may be null (plain
    /// HTTP); otherwise it must outlive the server.
    http_server(boost::asio::any_io_executor executor, boost::asio::ssl::context* tls,
                server_limits limits, request_handler handler,
                std::vector<boost::asio::any_io_executor> session_executors = {},
                std::string name = "http");
    /// The same with a replaceable context: each new connection takes the one `tls` gives then
    /// and keeps it to its end (certificate rotation). An empty `tls`: plain HTTP.
    http_server(boost::asio::any_io_executor executor, tls_context_source tls, server_limits limits,
                request_handler handler,
                std::vector<boost::asio::any_io_executor> session_executors = {},
                std::string name = "http");
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    /// Binds and starts accepting. Port 0 picks a free port; the bound endpoint is returned.
    result<boost::asio::ip::tcp::endpoint> listen(const std::string& address, std::uint16_t port);

    /// Stops accepting, closes idle connections, lets in-flight requests finish for up to
    /// `shutdown_grace`, then closes what remains. Completes when every session has ended.
    boost::asio::awaitable<void> shutdown();

    /// Connections currently open.
    unsigned active_connections() const noexcept { return active_.load(); }
    /// Connections currently in the TLS handshake.
    unsigned pending_handshakes() const { return handshakes_.pending(); }
    /// TLS handshakes that failed since start, of one kind.
    std::uint64_t failed_handshakes(handshake_failure kind) const noexcept {
        return failed_handshakes_[static_cast<std::size_t>(kind)].load();
    }
    /// Connections refused since start (handshake or connection caps).
    std::uint64_t refused_connections() const noexcept { return refused_.load(); }

  private:
    struct session;
    /// Each kind of connection failure is logged at most 20 times a second.
    struct failure_logs {
        log::rate_limit refused{20, std::chrono::seconds(1)};
        log::rate_limit handshake_failed{20, std::chrono::seconds(1)};
        log::rate_limit read_failed{20, std::chrono::seconds(1)};
    };
    boost::asio::any_io_executor next_session_executor();
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> run_session(std::shared_ptr<session> s);
    boost::asio::awaitable<bool> finish_handshake(session& s);
    template <class Stream>
    boost::asio::awaitable<void> serve_requests(session& s, Stream& stream);
    boost::asio::awaitable<response> respond(session& s, request&& req);
    void log_limited(log::rate_limit& limit, std::string_view event, std::string_view reason,
                     const std::string& remote);
    void close_sessions(bool only_idle);
    void end_handshake(std::uint64_t session_id);

    boost::asio::any_io_executor executor_;
    std::vector<boost::asio::any_io_executor> session_executors_;
    std::size_t session_executor_turn_ = 0;  // only the accept loop uses it
    tls_context_source tls_;                 // empty: plain HTTP
    server_limits limits_;
    request_handler handler_;
    std::string name_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::atomic<bool> stopping_{false};
    std::atomic<unsigned> active_{0};
    std::atomic<unsigned> established_{0};
    std::array<std::atomic<std::uint64_t>, all_handshake_failures.size()> failed_handshakes_{};
    std::atomic<std::uint64_t> refused_{0};
    handshake_admission handshakes_;
    failure_logs failure_logs_;
    std::mutex sessions_mutex_;
    std::uint64_t next_session_id_ = 0;
    std::unordered_map<std::uint64_t, std::weak_ptr<session>> sessions_;
};

}  // namespace ncpeh::gateway::net
