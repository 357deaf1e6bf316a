#include "gateway/net/http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/execution/context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <variant>

#include "gateway/log/json_log.hpp"
#include "gateway/net/tls_context.hpp"
#include "trust/x509/certificate.hpp"

namespace ncpeh::gateway::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

error failure(errc code, std::string message, const http_endpoint& to, std::string_view stage) {
    return make_error(code, std::move(message))
        .with("endpoint", to.authority())
        .with("stage", std::string(stage));
}

error timed_out(const http_endpoint& to, std::string_view stage) {
    return failure(errc::foreign_ncp_timeout,
                   "no answer from " + to.authority() + " within the deadline", to, stage);
}

bool is_timeout(const boost::system::error_code& ec, steady::time_point deadline) {
    return ec == beast::error::timeout || steady::now() >= deadline;
}

// The server closed the connection (or reset it): on a kept-alive connection, the sign that it
// was closed while idle.
bool is_closed_by_peer(const boost::system::error_code& ec) {
    return ec == asio::error::eof || ec == http::error::end_of_stream ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated;
}

bool is_http_error(const boost::system::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::end_of_stream).category();
}

// Whether an idle connection can be reused: an idle HTTP connection receives nothing, so a
// readable socket means the server closed it (FIN, RST, TLS close_notify) or sent stray bytes.
bool looks_reusable(tcp::socket& socket) {
    pollfd probe{socket.native_handle(), POLLIN, 0};
    return ::poll(&probe, 1, 0) == 0;
}

/// The result of one request on one connection.
struct attempt {
    std::optional<result<response>> answer;
    /// The connection was found closed before any byte of the response: nothing was processed,
    /// the request may go out again on a fresh connection.
    bool closed_before_answer = false;
    /// The connection may carry another request.
    bool reusable = false;
};

/// The answer of a finished attempt (one that was not `closed_before_answer`), or its error.
result<http_answer> answer_of(attempt&& done, std::string server_certificate_cn) {
    if (!*done.answer) {
        return done.answer->error();
    }
    http_answer out{std::move(**done.answer)};
    out.server_certificate_cn = std::move(server_certificate_cn);
    return out;
}

template <class Stream>
asio::awaitable<attempt> exchange_on(Stream& stream, beast::flat_buffer& buffer,
                                     const http_endpoint& to, const request& req,
                                     steady::time_point deadline,
                                     const http_client_limits& limits) {
    attempt out;
    auto& transport = beast::get_lowest_layer(stream);
    transport.expires_at(deadline);
    auto [write_ec, written] = co_await http::async_write(stream, req, use_tuple);
    (void)written;
    if (write_ec) {
        if (is_timeout(write_ec, deadline)) {
            out.answer = timed_out(to, "write");
        } else {
            out.closed_before_answer = is_closed_by_peer(write_ec);
            out.answer = failure(errc::foreign_ncp_unreachable,
                                 "the connection to " + to.authority() +
                                     " failed while sending the request: " + write_ec.message(),
                                 to, "write");
        }
        co_return out;
    }
    http::response_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    transport.expires_at(deadline);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
    (void)read;
    if (read_ec) {
        if (is_timeout(read_ec, deadline)) {
            out.answer = timed_out(to, "read");
        } else if (read_ec == http::error::header_limit || read_ec == http::error::body_limit ||
                   read_ec == http::error::buffer_overflow) {
            out.answer = failure(errc::foreign_ncp_answer_invalid,
                                 "the answer of " + to.authority() + " is larger than allowed (" +
                                     std::to_string(limits.max_header_bytes) + " header bytes, " +
                                     std::to_string(limits.max_body_bytes) + " body bytes)",
                                 to, "read");
        } else if (is_closed_by_peer(read_ec) && !parser.got_some()) {
            out.closed_before_answer = true;
            out.answer = failure(
                errc::foreign_ncp_unreachable,
                to.authority() + " closed the connection without answering: " + read_ec.message(),
                to, "read");
        } else if (is_closed_by_peer(read_ec) || read_ec == http::error::partial_message) {
            out.answer =
                failure(errc::foreign_ncp_answer_invalid,
                        "the answer of " + to.authority() + " was cut short: " + read_ec.message(),
                        to, "read");
        } else if (is_http_error(read_ec)) {
            out.answer = failure(
                errc::foreign_ncp_answer_invalid,
                "the answer of " + to.authority() + " is not valid HTTP/1.1: " + read_ec.message(),
                to, "read");
        } else {
            out.answer = failure(errc::foreign_ncp_unreachable,
                                 "the connection to " + to.authority() +
                                     " failed while reading the answer: " + read_ec.message(),
                                 to, "read");
        }
        co_return out;
    }
    out.reusable = !parser.need_eof() && parser.get().keep_alive() && buffer.size() == 0;
    out.answer = parser.release();
    co_return out;
}

/// A name resolution that gives up at the deadline. The resolver and its result are shared
/// with the completion handler, which may run after the caller gave up (getaddrinfo cannot be
/// interrupted).
struct resolution {
    explicit resolution(const asio::any_io_executor& executor)
        : resolver(executor), done(executor) {}
    tcp::resolver resolver;
    asio::steady_timer done;
    boost::system::error_code ec;
    std::vector<tcp::endpoint> endpoints;
    bool finished = false;
};

}  // namespace

std::string http_endpoint::authority() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

struct http_client::connection {
    connection(const asio::any_io_executor& executor, std::shared_ptr<ssl::context> tls)
        : tls_context(std::move(tls)),
          stream(tls_context == nullptr
                     ? std::variant<plain_stream, tls_stream>(std::in_place_index<0>, executor)
                     : std::variant<plain_stream, tls_stream>(std::in_place_index<1>, executor,
                                                              *tls_context)) {}

    beast::tcp_stream& transport() {
        return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); },
                          stream);
    }

    asio::awaitable<attempt> exchange(const http_endpoint& to, const request& req,
                                      steady::time_point deadline,
                                      const http_client_limits& limits) {
        if (auto* secure = std::get_if<tls_stream>(&stream)) {
            co_return co_await exchange_on(*secure, buffer, to, req, deadline, limits);
        }
        co_return co_await exchange_on(std::get<plain_stream>(stream), buffer, to, req, deadline,
                                       limits);
    }

    /// The context this connection was opened with, kept while it lives (declared before the
    /// stream, which uses it).
    std::shared_ptr<ssl::context> tls_context;
    std::variant<plain_stream, tls_stream> stream;
    beast::flat_buffer buffer;
    steady::time_point idle_since;
    std::string server_certificate_cn;  ///< set after the TLS handshake
};

http_client::lane::lane(asio::any_io_executor e) : executor(std::move(e)) {}

http_client::http_client(std::vector<asio::any_io_executor> executors, ssl::context* tls,
                         http_client_limits limits)
    : http_client(std::move(executors),
                  tls == nullptr ? tls_context_source() : fixed_tls_context(*tls), limits) {}

http_client::http_client(std::vector<asio::any_io_executor> executors, tls_context_source tls,
                         http_client_limits limits)
    : tls_(std::move(tls)), limits_(limits) {
    for (auto& executor : executors) {
        lanes_.emplace_back(std::move(executor));
    }
}

http_client::~http_client() = default;

std::optional<std::size_t> http_client::lane_of(const asio::any_io_executor& where) const noexcept {
    const auto& context = asio::query(where, asio::execution::context);
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
        if (&asio::query(lanes_[i].executor, asio::execution::context) == &context) {
            return i;
        }
    }
    return std::nullopt;
}

std::unique_ptr<http_client::connection> http_client::take_idle(
    std::optional<std::size_t> lane_index, const std::string& key) {
    if (!lane_index) {
        return nullptr;
    }
    const std::lock_guard lock(mutex_);
    auto found = lanes_[*lane_index].idle.find(key);
    if (found == lanes_[*lane_index].idle.end()) {
        return nullptr;
    }
    auto& idle = found->second;
    const auto now = steady::now();
    while (!idle.empty()) {
        auto c = std::move(idle.back());  // the most recently used: the least likely to be stale
        idle.pop_back();
        if (now - c->idle_since < limits_.max_idle_time &&
            looks_reusable(c->transport().socket())) {
            return c;
        }
    }
    return nullptr;
}

void http_client::keep_idle(std::optional<std::size_t> lane_index, const std::string& key,
                            std::unique_ptr<connection> c) {
    if (!lane_index) {
        return;
    }
    c->transport().expires_never();
    c->idle_since = steady::now();
    const std::lock_guard lock(mutex_);
    auto& idle = lanes_[*lane_index].idle[key];
    if (idle.size() < limits_.max_idle_per_endpoint) {
        idle.push_back(std::move(c));
    }
}

asio::awaitable<result<std::unique_ptr<http_client::connection>>> http_client::open(
    const http_endpoint& to, steady::time_point deadline) {
    const auto executor = co_await asio::this_coro::executor;
    std::vector<tcp::endpoint> endpoints;
    boost::system::error_code address_ec;
    const auto address = asio::ip::make_address(to.host, address_ec);
    if (!address_ec) {
        endpoints.emplace_back(address, to.port);
    } else {
        // Shared with the resolver's completion handler, which outlives this call on a time-out.
        auto state = std::make_shared<resolution>(executor);
        state->done.expires_at(deadline);
        state->resolver.async_resolve(
            to.host, std::to_string(to.port),
            asio::bind_executor(executor, [state](const boost::system::error_code& ec,
                                                  const tcp::resolver::results_type& found) {
                state->ec = ec;
                for (const auto& entry : found) {
                    state->endpoints.push_back(entry.endpoint());
                }
                state->finished = true;
                state->done.cancel();
            }));
        if (!state->finished) {
            co_await state->done.async_wait(use_tuple);
        }
        if (!state->finished) {
            state->resolver.cancel();
            co_return timed_out(to, "resolve");
        }
        if (state->ec || state->endpoints.empty()) {
            co_return failure(errc::foreign_ncp_unreachable,
                              "cannot resolve the host name of " + to.authority() + ": " +
                                  (state->ec ? state->ec.message() : "no address"),
                              to, "resolve");
        }
        endpoints = std::move(state->endpoints);
    }

    auto c =
        std::make_unique<connection>(executor, to.tls ? tls_() : std::shared_ptr<ssl::context>());
    auto& transport = c->transport();
    transport.expires_at(deadline);
    auto [connect_ec, connected] = co_await transport.async_connect(endpoints, use_tuple);
    (void)connected;
    if (connect_ec) {
        if (is_timeout(connect_ec, deadline)) {
            co_return timed_out(to, "connect");
        }
        co_return failure(errc::foreign_ncp_unreachable,
                          "cannot connect to " + to.authority() + ": " + connect_ec.message(), to,
                          "connect");
    }
    ++opened_;
    boost::system::error_code ignored;
    transport.socket().set_option(tcp::no_delay(true), ignored);
    if (auto* secure = std::get_if<tls_stream>(&c->stream)) {
        if (!expect_server_name(secure->native_handle(), to.host)) {
            co_return failure(errc::foreign_ncp_unreachable,
                              "cannot set up TLS server name checks for " + to.authority(), to,
                              "tls");
        }
        transport.expires_at(deadline);
        auto [handshake_ec] = co_await secure->async_handshake(ssl::stream_base::client, use_tuple);
        if (handshake_ec) {
            if (is_timeout(handshake_ec, deadline)) {
                co_return timed_out(to, "tls");
            }
            const long verdict = SSL_get_verify_result(secure->native_handle());
            std::string why = verdict != X509_V_OK
                                  ? std::string("the server certificate was refused: ") +
                                        X509_verify_cert_error_string(verdict)
                                  : "the TLS handshake failed: " + handshake_ec.message();
            co_return failure(errc::foreign_ncp_unreachable,
                              "cannot set up TLS with " + to.authority() + ": " + why, to, "tls");
        }
        if (X509* server = SSL_get0_peer_certificate(secure->native_handle())) {
            c->server_certificate_cn = trust::x509::common_name_of(*server);
        }
    }
    co_return std::move(c);
}

asio::awaitable<result<http_answer>> http_client::send(http_endpoint to, request req,
                                                       steady::time_point deadline) {
    try {
        co_return co_await send_checked(to, req, deadline);
    } catch (const std::exception& e) {
        // Resource exhaustion or a bug; the caller still gets an error, never an exception.
        log::logger().error("http_client.failed",
                            {{"endpoint", to.authority()}, {"reason", e.what()}});
        co_return failure(errc::foreign_ncp_unreachable,
                          "the call to " + to.authority() + " failed inside the gateway", to,
                          "internal");
    }
}

asio::awaitable<result<http_answer>> http_client::send_checked(const http_endpoint& to,
                                                               request& req,
                                                               steady::time_point deadline) {
    if (to.tls && !tls_) {
        co_return failure(errc::foreign_ncp_unreachable,
                          "no TLS client context to call " + to.authority(), to, "tls");
    }
    const bool default_port = to.port == (to.tls ? 443 : 80);
    req.set(http::field::host,
            default_port ? (to.host.find(':') != std::string::npos ? "[" + to.host + "]" : to.host)
                         : to.authority());
    req.keep_alive(true);
    req.prepare_payload();

    const std::string key = (to.tls ? "https://" : "http://") + to.authority();
    const auto lane_index = lane_of(co_await asio::this_coro::executor);
    if (auto idle = take_idle(lane_index, key)) {
        attempt first = co_await idle->exchange(to, req, deadline, limits_);
        std::string server = idle->server_certificate_cn;
        if (first.reusable) {
            keep_idle(lane_index, key, std::move(idle));
        }
        if (!first.closed_before_answer) {
            co_return answer_of(std::move(first), std::move(server));
        }
        // The server closed the kept-alive connection while it was idle: nothing of the request
        // was processed, so it goes out once more on a fresh connection.
        log::logger().debug("http_client.stale_connection", {{"endpoint", to.authority()}});
    }
    auto fresh = co_await open(to, deadline);
    if (!fresh) {
        co_return fresh.error();
    }
    attempt only = co_await (*fresh)->exchange(to, req, deadline, limits_);
    std::string server = (*fresh)->server_certificate_cn;
    if (only.reusable) {
        keep_idle(lane_index, key, std::move(*fresh));
    }
    co_return answer_of(std::move(only), std::move(server));
}

}  // namespace ncpeh::gateway::net
