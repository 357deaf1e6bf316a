#include "gateway/net/http_server.hpp"

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
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <variant>

#include "gateway/log/json_log.hpp"
#include "gateway/version.hpp"
#include "trust/x509/certificate.hpp"
#include "trust/x509/fingerprint.hpp"

namespace ncpeh::gateway::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

struct http_server::session {
    session(std::uint64_t session_id, tcp::socket&& socket, std::shared_ptr<ssl::context> tls)
        : id(session_id),
          tls_context(std::move(tls)),
          stream(open(std::move(socket), tls_context.get())) {}

    static std::variant<plain_stream, tls_stream> open(tcp::socket&& socket, ssl::context* tls) {
        if (tls == nullptr) {
            return std::variant<plain_stream, tls_stream>(std::in_place_index<0>,
                                                          std::move(socket));
        }
        return std::variant<plain_stream, tls_stream>(std::in_place_index<1>, std::move(socket),
                                                      *tls);
    }

    beast::tcp_stream& transport() {
        return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); },
                          stream);
    }

    std::uint64_t id;
    /// The context this connection started with, kept to its end even when a reload replaces
    /// the listener's (declared before the stream, which uses it).
    std::shared_ptr<ssl::context> tls_context;
    std::variant<plain_stream, tls_stream> stream;
    connection_info client;
    bool in_handshake = true;  ///< until the TLS handshake ends; used on the session's executor
    bool busy = false;         ///< a request is being read past its header, handled or answered
};

namespace {

using defer_accept = asio::detail::socket_option::integer<IPPROTO_TCP, TCP_DEFER_ACCEPT>;

const std::string server_name = "ncpeh/" + std::string(ncpeh::gateway::version);

response plain_response(http::status status, unsigned version, std::string body) {
    response res{status, version};
    res.set(http::field::server, server_name);
    res.set(http::field::content_type, "text/plain");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::string remote_address_of(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string("unknown") : endpoint.address().to_string();
}

// The endings that need no log line: the peer closed, or the server cancelled (shutdown,
// eviction).
bool is_quiet_ending(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::operation_aborted || ec == ssl::error::stream_truncated ||
           ec == asio::error::connection_reset;
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

// The answer to a request whose header or body broke a limit; nullopt for other failures.
std::optional<response> limit_refusal(const boost::system::error_code& ec, unsigned version) {
    if (ec == http::error::body_limit) {
        return plain_response(http::status::payload_too_large, version, "request body too large\n");
    }
    if (ec == http::error::header_limit) {
        return plain_response(http::status::request_header_fields_too_large, version,
                              "request header too large\n");
    }
    return std::nullopt;
}

asio::awaitable<void> close_stream(plain_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    co_return;
}

asio::awaitable<void> close_stream(tls_stream& stream) {
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    co_await stream.async_shutdown(use_tuple);
}

}  // namespace

http_server::http_server(asio::any_io_executor executor, ssl::context* tls, server_limits limits,
                         request_handler handler,
                         std::vector<asio::any_io_executor> session_executors, std::string name)
    : http_server(std::move(executor),
                  tls == nullptr ? tls_context_source() : fixed_tls_context(*tls), limits,
                  std::move(handler), std::move(session_executors), std::move(name)) {}

http_server::http_server(asio::any_io_executor executor, tls_context_source tls,
                         server_limits limits, request_handler handler,
                         std::vector<asio::any_io_executor> session_executors, std::string name)
    : executor_(std::move(executor)),
      session_executors_(std::move(session_executors)),
      tls_(std::move(tls)),
      limits_(limits),
      handler_(std::move(handler)),
      name_(std::move(name)),
      acceptor_(executor_),
      handshakes_({limits_.max_handshakes, limits_.max_handshakes_per_address}) {}

http_server::~http_server() = default;

result<tcp::endpoint> http_server::listen(const std::string& address, std::uint16_t port) {
    boost::system::error_code ec;
    const auto ip = asio::ip::make_address(address == "localhost" ? "127.0.0.1" : address, ec);
    if (ec) {
        return make_error(errc::config_invalid, "not an IP address").with("address", address);
    }
    const tcp::endpoint endpoint(ip, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
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
        acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        return make_error(errc::config_invalid, "cannot listen: " + ec.message())
            .with("listener", name_)
            .with("endpoint", address + ":" + std::to_string(port));
    }
    asio::co_spawn(executor_, accept_loop(), asio::detached);
    return acceptor_.local_endpoint();
}

void http_server::log_limited(log::rate_limit& limit, std::string_view event,
                              std::string_view reason, const std::string& remote) {
    if (const auto suppressed = limit.admit()) {
        log::logger().warn(event, {{"listener", name_},
                                   {"reason", reason},
                                   {"remote", remote},
                                   {"suppressed", *suppressed}});
    }
}

asio::any_io_executor http_server::next_session_executor() {
    if (session_executors_.empty()) {
        return asio::make_strand(executor_);
    }
    return session_executors_[session_executor_turn_++ % session_executors_.size()];
}

asio::awaitable<void> http_server::accept_loop() {
    const log::logger logger;
    while (!stopping_) {
        auto [ec, socket] = co_await acceptor_.async_accept(next_session_executor(), use_tuple);
        if (ec) {
            if (stopping_ || ec == asio::error::operation_aborted) {
                co_return;
            }
            logger.warn("server.accept_failed", {{"listener", name_}, {"reason", ec.message()}});
            continue;
        }
        const std::uint64_t id = next_session_id_++;
        // Answers are written whole; without this, an answer larger than one TLS record waits
        // for the peer's delayed ACK (40 ms on Linux) before its last segment goes out.
        boost::system::error_code ignored_option;
        socket.set_option(tcp::no_delay(true), ignored_option);
        std::string remote = remote_address_of(socket);
        if (tls_) {
            const auto admission = handshakes_.admit(id, remote);
            if (!admission.admitted) {
                ++refused_;
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
        }
        auto s = std::make_shared<session>(id, std::move(socket),
                                           tls_ ? tls_() : std::shared_ptr<ssl::context>());
        s->client.remote_address = std::move(remote);
        s->client.tls = s->tls_context != nullptr;
        {
            std::lock_guard lock(sessions_mutex_);
            sessions_.emplace(id, s);
        }
        ++active_;
        const auto executor = s->transport().get_executor();
        asio::co_spawn(executor, run_session(std::move(s)), [this, id](std::exception_ptr failure) {
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
                    log::logger().error("server.session_failed",
                                        {{"listener", name_}, {"reason", e.what()}});
                }
            }
        });
    }
}

// The TLS handshake of a new session; false when it failed (the peer learns nothing).
asio::awaitable<bool> http_server::finish_handshake(session& s) {
    auto& stream = std::get<tls_stream>(s.stream);
    s.transport().expires_after(limits_.handshake_timeout);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
    s.in_handshake = false;
    handshakes_.finish(s.id);
    if (handshake_ec) {
        // No or untrusted client certificate, wrong protocol, timeout, evicted.
        ++failed_handshakes_[static_cast<std::size_t>(handshake_failure_of(handshake_ec))];
        std::string reason = handshake_ec == asio::error::operation_aborted
                                 ? "evicted or shut down"
                                 : handshake_ec.message();
        // Which check the client certificate failed (expired, revoked, wrong purpose, …).
        if (const long verdict = SSL_get_verify_result(stream.native_handle());
            verdict != X509_V_OK) {
            reason += std::string(": ") + X509_verify_cert_error_string(verdict);
        }
        log_limited(failure_logs_.handshake_failed, "tls.handshake_failed", reason,
                    s.client.remote_address);
        co_return false;
    }
    if (X509* cert = SSL_get0_peer_certificate(stream.native_handle())) {
        s.client.certificate_sha256 = trust::x509::sha256_fingerprint(*cert);
        s.client.certificate_common_name = trust::x509::common_name_of(*cert);
    }
    co_return true;
}

asio::awaitable<void> http_server::run_session(std::shared_ptr<session> s) {
    if (s->tls_context != nullptr) {
        if (!co_await finish_handshake(*s)) {
            co_return;
        }
    } else {
        s->in_handshake = false;
    }
    if (established_.fetch_add(1) >= limits_.max_connections) {
        --established_;
        ++refused_;
        log_limited(failure_logs_.refused, "server.connection_refused", "connection cap reached",
                    s->client.remote_address);
        co_await std::visit([](auto& stream) { return close_stream(stream); }, s->stream);
        co_return;
    }
    struct established_guard {
        std::atomic<unsigned>& count;
        ~established_guard() { --count; }
    } const counted{established_};
    co_await std::visit([&](auto& stream) { return serve_requests(*s, stream); }, s->stream);
}

template <class Stream>
asio::awaitable<void> http_server::serve_requests(session& s, Stream& stream) {
    auto& transport = s.transport();
    const std::string& remote = s.client.remote_address;
    beast::flat_buffer buffer;
    while (!stopping_) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
        parser.body_limit(limits_.max_body_bytes);
        transport.expires_after(limits_.read_timeout);
        s.busy = false;
        auto [header_ec, header_bytes] =
            co_await http::async_read_header(stream, buffer, parser, use_tuple);
        if (header_ec) {
            const auto failure = read_failure_of(header_ec, parser.got_some() || buffer.size() > 0);
            if (!failure.empty()) {
                log_limited(failure_logs_.read_failed, "http.request_failed",
                            std::string(failure) + ": " + header_ec.message(), remote);
            }
            // A Content-Length above the limit, or a header too large.
            if (auto refusal = limit_refusal(header_ec, 11)) {
                refusal->keep_alive(false);
                co_await http::async_write(stream, *refusal, use_tuple);
            }
            break;  // end of stream, timeout, cancellation by shutdown, garbage
        }
        s.busy = true;
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
            if (auto refusal = limit_refusal(body_ec, header.version())) {
                refusal->keep_alive(false);
                co_await http::async_write(stream, *refusal, use_tuple);
            }
            break;
        }
        request req = parser.release();
        const bool keep_alive = req.keep_alive();
        response res = co_await respond(s, std::move(req));
        res.set(http::field::server, server_name);
        res.keep_alive(keep_alive && res.keep_alive() && !stopping_);
        res.prepare_payload();
        transport.expires_after(limits_.write_timeout);
        auto [write_ec, written] = co_await http::async_write(stream, res, use_tuple);
        if (write_ec || !res.keep_alive()) {
            break;
        }
    }
    s.busy = false;
    co_await close_stream(stream);
}

asio::awaitable<response> http_server::respond(session& s, request&& req) {
    const unsigned version = req.version();
    try {
        co_return co_await handler_(s.client, std::move(req));
    } catch (const std::exception& e) {
        log::logger().error("server.handler_failed", {{"listener", name_}, {"reason", e.what()}});
    }
    co_return plain_response(http::status::internal_server_error, version, "internal error\n");
}

void http_server::end_handshake(std::uint64_t session_id) {
    std::lock_guard lock(sessions_mutex_);
    const auto found = sessions_.find(session_id);
    if (found == sessions_.end()) {
        return;
    }
    if (auto s = found->second.lock()) {
        // Only while it is still in the handshake: it may have finished meanwhile.
        asio::post(s->transport().get_executor(), [s] {
            if (s->in_handshake) {
                s->transport().cancel();
            }
        });
    }
}

void http_server::close_sessions(bool only_idle) {
    std::lock_guard lock(sessions_mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        auto s = it->second.lock();
        if (!s) {
            it = sessions_.erase(it);
            continue;
        }
        asio::post(s->transport().get_executor(), [s, only_idle] {
            if (!only_idle || !s->busy) {
                s->transport().cancel();
            }
        });
        ++it;
    }
}

asio::awaitable<void> http_server::shutdown() {
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    close_sessions(true);
    asio::steady_timer timer(executor_);
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

}  // namespace ncpeh::gateway::net
