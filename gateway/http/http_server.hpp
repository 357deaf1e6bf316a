#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstddef>
#include <functional>

namespace ncpeh::gateway::http {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;

/// Turns one request into one response. Runs on the server's executor; must not block for
/// long and must not throw (an escaping exception closes that connection).
using request_handler = std::function<response(request&&)>;

struct http_server_limits {
    /// Largest request body accepted; larger bodies get 413 and the connection is closed.
    std::size_t body_limit = 1024 * 1024;
    /// Time allowed for reading one request (and idle keep-alive) and writing one response.
    std::chrono::seconds timeout{30};
};

/// Accepts plain HTTP/1.1 connections on `acceptor` until it is closed, serving each
/// connection in its own coroutine: read (with deadline and body limit) → handler → write →
/// loop while keep-alive. Expected endings (peer closed, timeout, acceptor closed) end quietly.
/// The handler is copied into each session. Call with `co_spawn` on the acceptor's executor.
boost::asio::awaitable<void> serve_http(boost::asio::ip::tcp::acceptor& acceptor,
                                        request_handler handler, http_server_limits limits);

/// Serves one already-accepted connection (used by `serve_http`).
boost::asio::awaitable<void> serve_http_session(boost::asio::ip::tcp::socket socket,
                                                request_handler handler, http_server_limits limits);

}  // namespace ncpeh::gateway::http
