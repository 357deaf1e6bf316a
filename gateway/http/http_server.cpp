#include "gateway/http/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace ncpeh::gateway::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

response too_large(unsigned version) {
    response r{bhttp::status::payload_too_large, version};
    r.set(bhttp::field::content_type, "text/plain");
    r.body() = "request body too large\n";
    r.keep_alive(false);
    r.prepare_payload();
    return r;
}

}  // namespace

net::awaitable<void> serve_http_session(tcp::socket socket, request_handler handler,
                                        http_server_limits limits) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(limits.body_limit);
        stream.expires_after(limits.timeout);
        auto [read_error, read_bytes] =
            co_await bhttp::async_read(stream, buffer, parser, use_tuple);
        (void)read_bytes;
        if (read_error == bhttp::error::body_limit) {
            auto r = too_large(parser.get().version());
            stream.expires_after(limits.timeout);
            co_await bhttp::async_write(stream, r, use_tuple);
            break;
        }
        if (read_error) {
            break;  // peer closed, timeout, or garbage: nothing to answer
        }
        auto req = parser.release();
        const bool keep_alive = req.keep_alive();
        response res = handler(std::move(req));
        res.keep_alive(keep_alive && res.keep_alive());
        res.prepare_payload();
        const bool close = !res.keep_alive();
        stream.expires_after(limits.timeout);
        auto [write_error, written] = co_await bhttp::async_write(stream, res, use_tuple);
        (void)written;
        if (write_error || close) {
            break;
        }
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> serve_http(tcp::acceptor& acceptor, request_handler handler,
                                http_server_limits limits) {
    for (;;) {
        auto [error, socket] = co_await acceptor.async_accept(use_tuple);
        if (error == net::error::operation_aborted || !acceptor.is_open()) {
            co_return;
        }
        if (error) {
            continue;  // e.g. too many open files: keep serving the others
        }
        net::co_spawn(acceptor.get_executor(),
                      serve_http_session(std::move(socket), handler, limits), net::detached);
    }
}

}  // namespace ncpeh::gateway::http
