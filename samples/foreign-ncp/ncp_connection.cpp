#include "samples/foreign-ncp/ncp_connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <stdexcept>

#include "gateway/net/tls_context.hpp"

namespace ncpeh::samples::foreign_ncp {

namespace net = boost::asio;
namespace http = boost::beast::http;

std::unique_ptr<net::ssl::context> make_tls_context(const std::filesystem::path& pki,
                                                    const std::string& credential) {
    gateway::net::tls_settings settings;
    settings.credential.certificate = pki / (credential + ".pem");
    settings.credential.private_key = pki / (credential + ".key");
    settings.anchors = pki / "ca.pem";
    auto tls = gateway::net::make_client_tls_context(settings);
    if (!tls) {
        throw std::runtime_error(tls.error().describe());
    }
    return std::move(*tls);
}

ncp_connection::ncp_connection(net::any_io_executor executor, net::ssl::context& tls)
    : stream_(std::move(executor), tls) {}

net::awaitable<void> ncp_connection::connect(std::string host, unsigned short port) {
    host_ = host;
    auto& tcp = boost::beast::get_lowest_layer(stream_);
    tcp.expires_after(std::chrono::seconds(10));
    co_await tcp.async_connect(net::ip::tcp::endpoint(net::ip::make_address(host), port),
                               net::use_awaitable);
    co_await stream_.async_handshake(net::ssl::stream_base::client, net::use_awaitable);
}

net::awaitable<http_response> ncp_connection::post_soap(std::string envelope) {
    http::request<http::string_body> req{http::verb::post, "/ncp", 11};
    req.set(http::field::host, host_);
    req.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
    req.body() = std::move(envelope);
    req.prepare_payload();
    boost::beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
    co_await http::async_write(stream_, req, net::use_awaitable);
    http_response res;
    co_await http::async_read(stream_, buffer_, res, net::use_awaitable);
    co_return res;
}

}  // namespace ncpeh::samples::foreign_ncp
