#include "gateway/server/https_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "gateway/log/json_log.hpp"
#include "gateway/soap/fault.hpp"
#include "gateway/version.hpp"
#include "trust/x509/fingerprint.hpp"

namespace ncpeh::gateway::server {

namespace beast = boost::beast;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

struct https_server::session {
    session(std::uint64_t session_id, tcp::socket&& socket, ssl::context& tls)
        : id(session_id), stream(std::move(socket), tls) {}

    std::uint64_t id;
    beast::ssl_stream<beast::tcp_stream> stream;
    peer caller;
    bool in_handshake = true;  ///< until the TLS handshake ends; used on the session's executor
    bool busy = false;         ///< a request is being read past its header, handled or answered
};

namespace {

using defer_accept = net::detail::socket_option::integer<IPPROTO_TCP, TCP_DEFER_ACCEPT>;

const std::string server_name = "ncpeh/" + std::string(ncpeh::gateway::version);

response plain_response(http::status status, unsigned version, std::string body,
                        std::string_view content_type) {
    response res{status, version};
    res.set(http::field::server, server_name);
    res.set(http::field::content_type, content_type);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

void log_limited(log::rate_limit& limit, std::string_view event, std::string_view reason,
                 const std::string& remote) {
    if (const auto suppressed = limit.admit()) {
        log::logger().warn(event,
                           {{"reason", reason}, {"remote", remote}, {"suppressed", *suppressed}});
    }
}

std::string remote_address_of(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string("unknown") : endpoint.address().to_string();
}

// The endings that need no log line: the peer closed, or the server cancelled (shutdown,
// eviction).
bool is_quiet_ending(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::operation_aborted || ec == ssl::error::stream_truncated ||
           ec == net::error::connection_reset;
}

// Why a request read failed, for the log; empty when it needs no line. A time-out while no
// byte of a next request had come is a kept-alive connection going idle, not a failure.
std::string_view read_failure_of(const boost::system::error_code& ec, bool got_some) {
    if (is_quiet_ending(ec)) {
        return {};
    }
    if (ec == beast::error::timeout) {
        return got_some ? "read timed out in the middle of a request" : std::string_view{};
    }
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category()) {
        return "unparsable HTTP request";
    }
    return "TLS or connection failure";
}

response fault_response(const error& e, unsigned version) {
    const auto code = soap::fault_code_of(e);
    return plain_response(static_cast<http::status>(soap::http_status_of(code)), version,
                          soap::write_fault(e, {}), "application/soap+xml; charset=UTF-8");
}

}  // namespace

https_server::https_server(net::any_io_executor executor, ssl::context& tls,
                           partner_directory partners, server_limits limits,
                           request_handler handler,
                           std::vector<net::any_io_executor> session_executors)
    : executor_(std::move(executor)),
      session_executors_(std::move(session_executors)),
      tls_(tls),
      partners_(std::move(partners)),
      limits_(limits),
      handler_(std::move(handler)),
      acceptor_(executor_),
      handshakes_({limits_.max_handshakes, limits_.max_handshakes_per_address}) {}

https_server::~https_server() = default;

result<tcp::endpoint> https_server::listen(const std::string& address, std::uint16_t port) {
    boost::system::error_code ec;
    const auto ip = net::ip::make_address(address == "localhost" ? "127.0.0.1" : address, ec);
    if (ec) {
        return make_error(errc::config_invalid, "not an IP address").with("address", address);
    }
    const tcp::endpoint endpoint(ip, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        // A connection is handed to accept() only once it sends something (or after the
        // handshake time-out): sockets that connect and stay silent wait in the kernel instead
        // of taking a place among the handshakes.
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(limits_.handshake_timeout);
        acceptor_.set_option(defer_accept(static_cast<int>(seconds.count())), ec);
    }
    if (!ec) {
        acceptor_.bind(endpoint, ec);
    }
    if (!ec) {
        acceptor_.listen(net::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        return make_error(errc::config_invalid, "cannot listen: " + ec.message())
            .with("endpoint", address + ":" + std::to_string(port));
    }
    net::co_spawn(executor_, accept_loop(), net::detached);
    return acceptor_.local_endpoint();
}

net::any_io_executor https_server::next_session_executor() {
    if (session_executors_.empty()) {
        return net::make_strand(executor_);
    }
    return session_executors_[session_executor_turn_++ % session_executors_.size()];
}

net::awaitable<void> https_server::accept_loop() {
    const log::logger logger;
    while (!stopping_) {
        auto [ec, socket] = co_await acceptor_.async_accept(next_session_executor(), use_tuple);
        if (ec) {
            if (stopping_ || ec == net::error::operation_aborted) {
                co_return;
            }
            logger.warn("server.accept_failed", {{"reason", ec.message()}});
            continue;
        }
        const std::uint64_t id = next_session_id_++;
        std::string remote = remote_address_of(socket);
        const auto admission = handshakes_.admit(id, remote);
        if (!admission.admitted) {
            log_limited(failure_logs_.refused, "server.connection_refused",
                        "too many TLS handshakes under way from this address", remote);
            boost::system::error_code ignored;
            socket.close(ignored);
            continue;
        }
        if (admission.evicted) {
            log_limited(failure_logs_.refused, "server.handshake_evicted",
                        "the oldest TLS handshake made room for a new connection", remote);
            end_handshake(*admission.evicted);
        }
        auto s = std::make_shared<session>(id, std::move(socket), tls_);
        s->caller.remote_address = std::move(remote);
        {
            std::lock_guard lock(sessions_mutex_);
            sessions_.emplace(id, s);
        }
        ++active_;
        const auto executor = s->stream.get_executor();
        net::co_spawn(executor, run_session(std::move(s)), [this, id](std::exception_ptr failure) {
            {
                std::lock_guard lock(sessions_mutex_);
                sessions_.erase(id);
            }
            handshakes_.finish(id);  // if the session ended before its handshake did
            --active_;
            if (failure) {
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception& e) {
                    log::logger().error("server.session_failed", {{"reason", e.what()}});
                }
            }
        });
    }
}

net::awaitable<void> https_server::run_session(std::shared_ptr<session> s) {
    auto& stream = s->stream;
    auto& tcp_layer = beast::get_lowest_layer(stream);
    const std::string& remote = s->caller.remote_address;

    tcp_layer.expires_after(limits_.handshake_timeout);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
    s->in_handshake = false;
    handshakes_.finish(s->id);
    if (handshake_ec) {
        // No or untrusted client certificate, wrong protocol, timeout, evicted: the peer learns
        // nothing.
        log_limited(failure_logs_.handshake_failed, "tls.handshake_failed",
                    handshake_ec == net::error::operation_aborted ? "evicted or shut down"
                                                                  : handshake_ec.message(),
                    remote);
        co_return;
    }
    if (established_.fetch_add(1) >= limits_.max_connections) {
        --established_;
        log_limited(failure_logs_.refused, "server.connection_refused",
                    "partner connection cap reached", remote);
        tcp_layer.expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(use_tuple);
        co_return;
    }
    struct established_guard {
        std::atomic<unsigned>& count;
        ~established_guard() { --count; }
    } const counted{established_};
    std::optional<std::string> country;
    if (X509* cert = SSL_get0_peer_certificate(stream.native_handle())) {
        s->caller.certificate_sha256 = trust::x509::sha256_fingerprint(*cert);
        country = partners_.country_of(*cert);
    }
    if (country) {
        s->caller.country = *country;
    }

    beast::flat_buffer buffer;
    while (!stopping_) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
        parser.body_limit(limits_.max_body_bytes);
        tcp_layer.expires_after(limits_.read_timeout);
        s->busy = false;
        auto [header_ec, header_bytes] =
            co_await http::async_read_header(stream, buffer, parser, use_tuple);
        if (header_ec) {
            const auto failure = read_failure_of(header_ec, parser.got_some() || buffer.size() > 0);
            if (!failure.empty()) {
                log_limited(failure_logs_.read_failed, "http.request_failed",
                            std::string(failure) + ": " + header_ec.message(), remote);
            }
            if (header_ec == http::error::body_limit) {  // Content-Length above the limit
                auto res = plain_response(http::status::payload_too_large, 11,
                                          "request body too large\n", "text/plain");
                res.keep_alive(false);
                co_await http::async_write(stream, res, use_tuple);
            } else if (header_ec == http::error::header_limit) {
                auto res = plain_response(http::status::request_header_fields_too_large, 11,
                                          "request header too large\n", "text/plain");
                res.keep_alive(false);
                co_await http::async_write(stream, res, use_tuple);
            }
            break;  // end of stream, timeout, cancellation by shutdown, garbage
        }
        s->busy = true;
        const auto& header = parser.get();
        if (beast::iequals(header[http::field::expect], "100-continue")) {
            http::response<http::empty_body> go_on{http::status::continue_, header.version()};
            auto [continue_ec, continue_bytes] =
                co_await http::async_write(stream, go_on, use_tuple);
            if (continue_ec) {
                break;
            }
        }
        auto [body_ec, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (body_ec) {
            if (const auto failure = read_failure_of(body_ec, true); !failure.empty()) {
                log_limited(failure_logs_.read_failed, "http.request_failed",
                            std::string(failure) + ": " + body_ec.message(), remote);
            }
            if (body_ec == http::error::body_limit) {
                auto res = plain_response(http::status::payload_too_large, header.version(),
                                          "request body too large\n", "text/plain");
                res.keep_alive(false);
                co_await http::async_write(stream, res, use_tuple);
            }
            break;
        }
        request req = parser.release();
        const bool keep_alive = req.keep_alive();
        response res = co_await respond(*s, std::move(req));
        res.set(http::field::server, server_name);
        res.keep_alive(keep_alive && !stopping_);
        res.prepare_payload();
        tcp_layer.expires_after(limits_.write_timeout);
        auto [write_ec, written] = co_await http::async_write(stream, res, use_tuple);
        if (write_ec || !res.keep_alive()) {
            break;
        }
    }
    s->busy = false;
    tcp_layer.expires_after(std::chrono::seconds(2));
    co_await stream.async_shutdown(use_tuple);
}

net::awaitable<response> https_server::respond(session& s, request&& req) {
    const unsigned version = req.version();
    if (s.caller.country.empty()) {
        log::logger().warn("server.partner_unknown",
                           {{"certificate_sha256", s.caller.certificate_sha256}});
        auto res = fault_response(
            make_error(errc::partner_unknown,
                       "the TLS client certificate is trusted but not configured for any partner"),
            version);
        res.result(http::status::forbidden);
        co_return res;
    }
    try {
        co_return co_await handler_(s.caller, std::move(req));
    } catch (const std::exception& e) {
        log::logger().error("server.handler_failed", {{"reason", e.what()}});
    }
    co_return fault_response(make_error(errc::internal, "internal error"), version);
}

void https_server::end_handshake(std::uint64_t session_id) {
    std::lock_guard lock(sessions_mutex_);
    const auto found = sessions_.find(session_id);
    if (found == sessions_.end()) {
        return;
    }
    if (auto s = found->second.lock()) {
        // Only while it is still in the handshake: it may have finished meanwhile.
        net::post(s->stream.get_executor(), [s] {
            if (s->in_handshake) {
                beast::get_lowest_layer(s->stream).cancel();
            }
        });
    }
}

void https_server::close_sessions(bool only_idle) {
    std::lock_guard lock(sessions_mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        auto s = it->second.lock();
        if (!s) {
            it = sessions_.erase(it);
            continue;
        }
        net::post(s->stream.get_executor(), [s, only_idle] {
            if (!only_idle || !s->busy) {
                beast::get_lowest_layer(s->stream).cancel();
            }
        });
        ++it;
    }
}

net::awaitable<void> https_server::shutdown() {
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    close_sessions(true);
    net::steady_timer timer(executor_);
    const auto deadline = std::chrono::steady_clock::now() + limits_.shutdown_grace;
    while (active_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        close_sessions(true);
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(use_tuple);
    }
    close_sessions(false);
    while (active_.load() > 0) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(use_tuple);
    }
}

}  // namespace ncpeh::gateway::server
