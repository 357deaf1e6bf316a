#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/net/tls_context.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::net {

// The same message types `http_server.hpp` names.
using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;

/// Where an HTTP server listens. `host` is a DNS name or an IP literal (IPv6 without brackets);
/// with `tls` the server certificate must name it (SAN DNS or IP entry).
struct http_endpoint {
    std::string host;
    std::uint16_t port = 443;
    bool tls = true;

    /// "host:port" ("[::1]:port" for IPv6): the pool key and the "endpoint" of errors.
    std::string authority() const;

    friend bool operator==(const http_endpoint&, const http_endpoint&) = default;
};

/// A response together with who sent it.
struct http_answer : response {
    /// CN of the server's TLS certificate (the ATNA audit names the partner by it); empty for
    /// plain HTTP.
    std::string server_certificate_cn = {};
};

struct http_client_limits {
    /// A response header above this is `foreign_ncp_answer_invalid`.
    std::size_t max_header_bytes = 16 * 1024;
    /// A response body above this is `foreign_ncp_answer_invalid`.
    std::size_t max_body_bytes = 32 * 1024 * 1024;
    /// Idle kept-alive connections kept for reuse, per endpoint and io_context.
    std::size_t max_idle_per_endpoint = 8;
    /// A connection idle for longer is not reused: a middlebox may have dropped it silently,
    /// and a request sent into such a connection waits for its deadline.
    std::chrono::milliseconds max_idle_time{30000};
};

/// The HTTP/1.1 client that calls partner NCPs (mutual TLS) — or, for tests, plain HTTP servers.
/// Connections are kept alive and reused: idle ones wait in a pool keyed by io_context and
/// host:port, and a call takes one for its whole duration, so a connection is only ever used by
/// one call at a time and always on the io_context it was opened on (the gateway runs one
/// single-threaded io_context per I/O thread: completions never cross threads).
///
/// TLS: the context comes from `make_client_tls_context` (our client credential, the partner
/// TLS anchors, serverAuth purpose); each connection also sends SNI (for names) and checks the
/// host name or IP address against the certificate's SAN entries.
///
/// Thread-safe. Must be destroyed before the io_contexts of its executors (it owns sockets of
/// theirs).
class http_client {
  public:
    /// `executors`: one per io_context calls come from (calls from another io_context work but
    /// their connections are not kept). `tls` may be null (plain HTTP only); otherwise it must
    /// outlive the client.
    http_client(std::vector<boost::asio::any_io_executor> executors, boost::asio::ssl::context* tls,
                http_client_limits limits = {});
    /// The same with a replaceable context: each new connection takes the one `tls` gives then
    /// (kept-alive connections keep theirs). `tls` must not be empty.
    http_client(std::vector<boost::asio::any_io_executor> executors, tls_context_source tls,
                http_client_limits limits = {});
    ~http_client();
    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    /// Sends `req` to `to` and reads the whole response, everything (name resolution, connect,
    /// TLS handshake, write, read) before `deadline`. Sets Host, keep-alive and the payload
    /// size. Any HTTP status is a response; the caller decides what it means.
    ///
    /// A kept-alive connection that turns out to be closed by the server (reset or closed before
    /// any byte of the response came) is replaced by a fresh one and the request sent once more;
    /// no other failure is retried. Errors (context "endpoint" = host:port, "stage" = resolve,
    /// connect, tls, write or read): `foreign_ncp_timeout` when the deadline passed;
    /// `foreign_ncp_unreachable` for a name that does not resolve, a refused connection, a TLS
    /// failure (the message says why: certificate not trusted, name mismatch, …) or a connection
    /// closed without an answer; `foreign_ncp_answer_invalid` for malformed HTTP, a header or
    /// body above the limits, or an answer cut short. Never throws. (Arguments by value: the
    /// call may be co_spawned and outlive the caller's temporaries.)
    boost::asio::awaitable<result<http_answer>> send(
        http_endpoint to, request req, std::chrono::steady_clock::time_point deadline);

    /// Connections opened since start (tests of connection reuse).
    std::uint64_t connections_opened() const noexcept { return opened_.load(); }

  private:
    struct connection;
    /// The idle connections of one io_context, by authority.
    struct lane {
        explicit lane(boost::asio::any_io_executor e);
        boost::asio::any_io_executor executor;
        std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle;
    };

    boost::asio::awaitable<result<http_answer>> send_checked(
        const http_endpoint& to, request& req, std::chrono::steady_clock::time_point deadline);
    boost::asio::awaitable<result<std::unique_ptr<connection>>> open(
        const http_endpoint& to, std::chrono::steady_clock::time_point deadline);
    std::optional<std::size_t> lane_of(const boost::asio::any_io_executor& where) const noexcept;
    std::unique_ptr<connection> take_idle(std::optional<std::size_t> lane_index,
                                          const std::string& key);
    void keep_idle(std::optional<std::size_t> lane_index, const std::string& key,
                   std::unique_ptr<connection> c);

    tls_context_source tls_;  // empty: plain HTTP only
    http_client_limits limits_;
    std::mutex mutex_;
    std::vector<lane> lanes_;
    std::atomic<std::uint64_t> opened_{0};
};

}  // namespace ncpeh::gateway::net
