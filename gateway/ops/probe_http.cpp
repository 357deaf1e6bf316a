#include "gateway/ops/probe_http.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace ncpeh::gateway::ops {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

asio::awaitable<result<unsigned>> probe_http(const http_probe_target& target,
                                             std::chrono::milliseconds timeout) {
    const auto unreachable = [&](const boost::system::error_code& ec) {
        return make_error(errc::national_store_unreachable, ec.message())
            .with("endpoint", target.host + ":" + std::to_string(target.port));
    };
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(target.host, ec);
    if (ec) {
        co_return unreachable(ec);
    }
    beast::tcp_stream stream(co_await asio::this_coro::executor);
    stream.expires_after(timeout);
    auto [connect_ec] = co_await stream.async_connect({address, target.port}, use_tuple);
    if (connect_ec) {
        co_return unreachable(connect_ec);
    }
    http::request<http::empty_body> req{http::verb::get, target.path, 11};
    req.set(http::field::host, target.host);
    req.set(http::field::connection, "close");
    auto [write_ec, written] = co_await http::async_write(stream, req, use_tuple);
    if (write_ec) {
        co_return unreachable(write_ec);
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (read_ec) {
        co_return unreachable(read_ec);
    }
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    co_return parser.get().result_int();
}

}  // namespace ncpeh::gateway::ops
