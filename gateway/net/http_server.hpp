#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

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
#include "gateway/server/handshake_admission.hpp"
#include "gateway/server/partner_directory.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::server {

namespace net = boost::asio;
namespace http = boost::beast::http;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// Who is calling: the partner country mapped from its verified TLS client certificate.
struct peer {
    std::string country;
    std::string certificate_sha256;
    std::string remote_address;
};

/// The application behind the server: one request in, one response out. It is only called for
/// peers whose certificate chains to the partner anchors and is configured as a partner's.
/// It must not throw; if it does, the server logs it and answers 500.
using request_handler = std::function<net::awaitable<response>(const peer&, request&&)>;

struct server_limits {
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 16 * 1024 * 1024;
    /// Time allowed for the TLS handshake. Short: a partner's takes milliseconds.
    std::chrono::milliseconds handshake_timeout{3000};
    /// Time allowed to receive one whole request, and to wait for the next on a kept-alive
    /// connection.
    std::chrono::milliseconds read_timeout{15000};
    std::chrono::milliseconds write_timeout{30000};
    /// Connections that finished the TLS handshake with a trusted certificate: the partners'
    /// capacity, which connections without a certificate never take.
    unsigned max_connections = 512;
    /// Connections still in the TLS handshake, in all and per source address (see
    /// `handshake_admission`).
    unsigned max_handshakes = 128;
    unsigned max_handshakes_per_address = 32;
    /// How long in-flight requests may take to finish after shutdown begins.
    std::chrono::milliseconds shutdown_grace{10000};
};

/// The cross-border HTTPS listener: mutual TLS (context from make_server_tls_context), HTTP/1.1
/// keep-alive with chunked bodies and 100-continue, header/body size limits, read/write timeouts,
/// separate caps for connections in the TLS handshake and for partner connections, and graceful
/// shutdown. Broken connections are logged with the remote address, at a bounded rate. One
/// coroutine per connection: on one of the `session_executors` in turn (each of a single-threaded
/// io_context, so the connection never changes thread), or without them on a strand of `executor`.
class https_server {
  public:
    https_server(net::any_io_executor executor, net::ssl::context& tls, partner_directory partners,
                 server_limits limits, request_handler handler,
                 std::vector<net::any_io_executor> session_executors = {});
    ~https_server();
    https_server(const https_server&) = delete;
    https_server& operator=(const https_server&) = delete;

    /// Binds and starts accepting. Port 0 picks a free port; the bound endpoint is returned.
    result<net::ip::tcp::endpoint> listen(const std::string& address, std::uint16_t port);

    /// Stops accepting, closes idle connections, lets in-flight requests finish for up to
    /// `shutdown_grace`, then closes what remains. Completes when every session has ended.
    net::awaitable<void> shutdown();

    /// Connections currently open.
    unsigned active_connections() const noexcept { return active_.load(); }
    /// Connections currently in the TLS handshake.
    unsigned pending_handshakes() const { return handshakes_.pending(); }

  private:
    struct session;
    /// Each kind of connection failure is logged at most 20 times a second.
    struct failure_logs {
        log::rate_limit refused{20, std::chrono::seconds(1)};
        log::rate_limit handshake_failed{20, std::chrono::seconds(1)};
        log::rate_limit read_failed{20, std::chrono::seconds(1)};
    };
    net::any_io_executor next_session_executor();
    net::awaitable<void> accept_loop();
    net::awaitable<void> run_session(std::shared_ptr<session> s);
    net::awaitable<response> respond(session& s, request&& req);
    void close_sessions(bool only_idle);
    void end_handshake(std::uint64_t session_id);

    net::any_io_executor executor_;
    std::vector<net::any_io_executor> session_executors_;
    std::size_t session_executor_turn_ = 0;  // only the accept loop uses it
    net::ssl::context& tls_;
    partner_directory partners_;
    server_limits limits_;
    request_handler handler_;
    net::ip::tcp::acceptor acceptor_;
    std::atomic<bool> stopping_{false};
    std::atomic<unsigned> active_{0};
    std::atomic<unsigned> established_{0};
    handshake_admission handshakes_;
    failure_logs failure_logs_;
    std::mutex sessions_mutex_;
    std::uint64_t next_session_id_ = 0;
    std::unordered_map<std::uint64_t, std::weak_ptr<session>> sessions_;
};

}  // namespace ncpeh::gateway::server
