#include "tests/gateway/support/tls_client.hpp"

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "gateway/net/tls_context.hpp"
#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

namespace net = boost::asio;
namespace http = boost::beast::http;

tls_client::tls_client(unsigned short port, const std::string& credential,
                       const std::function<void(net::ssl::context&)>& tweak) {
    const auto pki = source_dir() / "samples/pki/generated";
    gateway::net::tls_settings settings;
    if (!credential.empty()) {
        settings.credential.certificate = pki / (credential + ".pem");
        settings.credential.private_key = pki / (credential + ".key");
    }
    settings.anchors = pki / "ca.pem";
    tls_ = std::move(gateway::net::make_client_tls_context(settings).value());
    if (tweak) {
        tweak(*tls_);
    }
    stream_ = std::make_unique<boost::beast::ssl_stream<boost::beast::tcp_stream>>(context_, *tls_);
    boost::beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(10));
    boost::beast::get_lowest_layer(*stream_).connect(
        net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream_->handshake(net::ssl::stream_base::client);
}

http::response<http::string_body> tls_client::post(const std::string& target,
                                                   const std::string& content_type,
                                                   const std::string& body, bool chunked) {
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, "ncp.se.localhost");
    req.set(http::field::content_type, content_type);
    req.body() = body;
    if (chunked) {
        req.chunked(true);
    } else {
        req.prepare_payload();
    }
    http::write(*stream_, req);
    return read();
}

http::response<http::string_body> tls_client::send(http::request<http::string_body> req) {
    if (req[http::field::host].empty()) {
        req.set(http::field::host, "ncp.se.localhost");
    }
    req.prepare_payload();
    http::write(*stream_, req);
    return read();
}

http::response<http::string_body> tls_client::read() {
    http::response<http::string_body> res;
    http::read(*stream_, buffer_, res);
    return res;
}

bool gets_a_response(unsigned short port, const std::string& credential,
                     const std::function<void(net::ssl::context&)>& tweak) {
    try {
        tls_client c(port, credential, tweak);
        c.post("/", "application/soap+xml", "<x/>");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace ncpeh::testing
