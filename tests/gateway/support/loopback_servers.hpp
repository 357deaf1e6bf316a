#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "gateway/net/http_server.hpp"
#include "gateway/net/tls_context.hpp"

namespace ncpeh::testing {

/// The dev-PKI TLS settings of `credential` (file stem in samples/pki/generated, "" = none),
/// trusting `anchors` (a file there).
gateway::net::tls_settings dev_tls_settings(const std::string& credential,
                                            const std::string& anchors = "ca.pem");

/// The project's own `http_server` on `address` (a free port), on a thread of its own, answering
/// every request with `answer`: mutual TLS with the dev-PKI `credential` (clients must present a
/// certificate of the dev CA), or plain HTTP when `credential` is empty. Stopped when destroyed.
class loopback_http_server {
  public:
    using answer_fn = std::function<gateway::net::response(const gateway::net::request&)>;

    explicit loopback_http_server(answer_fn answer, const std::string& credential = "fi-tls",
                                  gateway::net::server_limits limits = {},
                                  const std::string& address = "127.0.0.1");
    ~loopback_http_server();
    loopback_http_server(const loopback_http_server&) = delete;
    loopback_http_server& operator=(const loopback_http_server&) = delete;

    unsigned short port() const noexcept { return port_; }
    /// Connections open right now.
    unsigned open_connections() const noexcept { return server_->active_connections(); }
    /// Requests answered so far.
    int requests() const noexcept { return requests_.load(); }

  private:
    boost::asio::io_context context_;
    std::unique_ptr<boost::asio::ssl::context> tls_;
    std::unique_ptr<gateway::net::http_server> server_;
    unsigned short port_ = 0;
    std::atomic<int> requests_{0};
    std::thread thread_;
};

/// A plain TCP listener on 127.0.0.1 that runs `script(socket, n)` for its n-th accepted
/// connection (0-based), one at a time on its own thread: for answers no real server gives
/// (garbage, a connection closed without an answer). Scripts use blocking socket calls; the
/// client must be gone (its sockets closed) before the listener is destroyed.
class scripted_tcp_server {
  public:
    using script = std::function<void(boost::asio::ip::tcp::socket&, int)>;

    explicit scripted_tcp_server(script s);
    ~scripted_tcp_server();
    scripted_tcp_server(const scripted_tcp_server&) = delete;
    scripted_tcp_server& operator=(const scripted_tcp_server&) = delete;

    unsigned short port() const noexcept { return port_; }
    /// Connections accepted so far.
    int connections() const noexcept { return accepted_.load(); }

  private:
    boost::asio::io_context context_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    std::thread thread_;
};

/// Reads one HTTP request from `socket` (blocking); false when the peer closed first.
bool read_request(boost::asio::ip::tcp::socket& socket, std::string& leftover);

/// A listener that never accepts: connections complete in the kernel's backlog and then nothing
/// happens (no TLS handshake, no answer).
class silent_listener {
  public:
    silent_listener();
    unsigned short port() const noexcept { return port_; }

  private:
    boost::asio::io_context context_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
};

/// A port on 127.0.0.1 where nothing listens (connections are refused).
unsigned short closed_port();

}  // namespace ncpeh::testing
