#include "tests/support/plain_http.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace ncpeh::testing {

std::pair<unsigned, std::string> plain_http(unsigned short port, boost::beast::http::verb method,
                                            const std::string& target, const std::string& body) {
    namespace net = boost::asio;
    namespace http = boost::beast::http;
    net::io_context io;
    net::ip::tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.body() = body;
    req.prepare_payload();
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return {res.result_int(), res.body()};
}

}  // namespace ncpeh::testing
