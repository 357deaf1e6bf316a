#include "tests/gateway/support/loopback_servers.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstring>

#include "gateway/net/tls_context.hpp"
#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

gateway::net::tls_settings dev_tls_settings(const std::string& credential,
                                            const std::string& anchors) {
    const auto pki = source_dir() / "samples/pki/generated";
    gateway::net::tls_settings settings;
    if (!credential.empty()) {
        settings.credential.certificate = pki / (credential + ".pem");
        settings.credential.private_key = pki / (credential + ".key");
    }
    settings.anchors = pki / anchors;
    return settings;
}

loopback_http_server::loopback_http_server(answer_fn answer, const std::string& credential,
                                           gateway::net::server_limits limits,
                                           const std::string& address) {
    if (!credential.empty()) {
        tls_ =
            std::move(gateway::net::make_server_tls_context(dev_tls_settings(credential)).value());
    }
    server_ = std::make_unique<gateway::net::http_server>(
        context_.get_executor(), tls_.get(), limits,
        [this, answer = std::move(answer)](
            const gateway::net::connection_info&,
            gateway::net::request&& req) -> net::awaitable<gateway::net::response> {
            ++requests_;
            co_return answer(req);
        });
    port_ = server_->listen(address, 0).value().port();
    thread_ = std::thread([this] { context_.run(); });
}

loopback_http_server::~loopback_http_server() {
    auto done = net::co_spawn(context_, server_->shutdown(), net::use_future);
    done.wait();
    context_.stop();
    thread_.join();
}

scripted_tcp_server::scripted_tcp_server(script s)
    : acceptor_(context_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this, s = std::move(s)] {
        while (true) {
            tcp::socket socket(context_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec || stopping_) {
                return;
            }
            s(socket, accepted_++);
        }
    });
}

scripted_tcp_server::~scripted_tcp_server() {
    stopping_ = true;
    // Wakes the blocking accept.
    tcp::socket poke(context_);
    boost::system::error_code ignored;
    poke.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), ignored);
    thread_.join();
}

bool read_request(tcp::socket& socket, std::string& leftover) {
    boost::beast::flat_buffer buffer;
    if (!leftover.empty()) {
        auto space = buffer.prepare(leftover.size());
        std::memcpy(space.data(), leftover.data(), leftover.size());
        buffer.commit(leftover.size());
    }
    http::request<http::string_body> req;
    boost::system::error_code ec;
    http::read(socket, buffer, req, ec);
    leftover.assign(static_cast<const char*>(buffer.data().data()), buffer.size());
    return !ec;
}

silent_listener::silent_listener()
    : acceptor_(context_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
}

unsigned short closed_port() {
    net::io_context context;
    tcp::acceptor acceptor(context, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    const auto port = acceptor.local_endpoint().port();
    acceptor.close();
    return port;
}

}  // namespace ncpeh::testing
