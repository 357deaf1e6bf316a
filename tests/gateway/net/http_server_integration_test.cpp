// The cross-border listener over real TLS on loopback: the server runs in-process on its own
// thread, the client is a separate Beast TLS client with the dev PKI credentials.
#include "gateway/net/http_server.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <thread>

#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/net/tls_context.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "trust/x509/fingerprint.hpp"

namespace server = ncpeh::gateway::net;
namespace ncp_a = ncpeh::gateway::ncp_a;
namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

const auto pki = ncpeh::testing::source_dir() / "samples/pki/generated";

server::tls_settings credential_of(const std::string& name) {
    server::tls_settings s;
    if (!name.empty()) {
        s.credential.certificate = pki / (name + ".pem");
        s.credential.private_key = pki / (name + ".key");
    }
    s.anchors = pki / "ca.pem";
    return s;
}

/// A running server on 127.0.0.1:port, stopped gracefully when the object dies.
class running_server {
  public:
    explicit running_server(
        server::server_limits limits = {},
        std::chrono::milliseconds handler_delay = std::chrono::milliseconds(0)) {
        auto settings = credential_of("se-tls");
        settings.crls = {pki / "ca.crl.pem"};
        tls_ = std::move(server::make_server_tls_context(settings).value());
        ncpeh::config::partner fi;
        fi.country = "FI";
        fi.tls_certificate_sha256 = {
            *ncpeh::trust::x509::sha256_fingerprint_of_file(pki / "fi-tls.pem")};
        server_ = std::make_unique<server::http_server>(
            context_.get_executor(), tls_.get(), limits,
            ncp_a::admit_partners(
                ncp_a::partner_directory({fi}),
                [this, handler_delay](const ncp_a::peer& caller,
                                      server::request&& req) -> net::awaitable<server::response> {
                    if (handler_delay.count() > 0) {
                        net::steady_timer timer(co_await net::this_coro::executor, handler_delay);
                        co_await timer.async_wait(net::use_awaitable);
                    }
                    ++handled_;
                    server::response res{http::status::ok, req.version()};
                    res.body() = caller.country + ":" + std::to_string(req.body().size());
                    co_return res;
                }));
        port_ = server_->listen("127.0.0.1", 0).value().port();
        thread_ = std::thread([this] { context_.run(); });
    }
    ~running_server() {
        if (thread_.joinable()) {
            shutdown();
        }
    }
    void shutdown() {
        auto done = net::co_spawn(context_, server_->shutdown(), net::use_future);
        done.wait();
        context_.stop();
        thread_.join();
    }
    unsigned short port() const { return port_; }
    int handled() const { return handled_; }

  private:
    net::io_context context_;
    std::unique_ptr<ssl::context> tls_;
    std::unique_ptr<server::http_server> server_;
    unsigned short port_ = 0;
    std::atomic<int> handled_{0};
    std::thread thread_;
};

using client = ncpeh::testing::tls_client;
using ncpeh::testing::gets_a_response;

}  // namespace

TEST_CASE("a configured partner is served, with keep-alive and chunked bodies") {
    running_server s;
    client fi(s.port(), "fi-tls");
    auto first = fi.post("/xca", "application/soap+xml", "hello");
    CHECK(first.result() == http::status::ok);
    CHECK(first.body() == "FI:5");
    CHECK(first[http::field::server].starts_with("ncpeh/"));
    auto second = fi.post("/xca", "application/soap+xml", std::string(10000, 'x'), true);
    CHECK(second.result() == http::status::ok);
    CHECK(second.body() == "FI:10000");
    CHECK(s.handled() == 2);
}

TEST_CASE("Expect: 100-continue gets a 100 before the body is sent") {
    running_server s;
    client fi(s.port(), "fi-tls");
    http::request<http::string_body> req{http::verb::post, "/xdr", 11};
    req.set(http::field::host, "x");
    req.set(http::field::expect, "100-continue");
    req.body() = "abc";
    req.prepare_payload();
    http::request_serializer<http::string_body> serializer(req);
    http::write_header(fi.stream(), serializer);
    auto interim = fi.read();
    CHECK(interim.result() == http::status::continue_);
    http::write(fi.stream(), serializer);
    auto final_response = fi.read();
    CHECK(final_response.body() == "FI:3");
}

TEST_CASE("clients without a trusted, partner-mapped certificate are refused") {
    running_server s;
    SECTION("no client certificate") {
        CHECK_FALSE(gets_a_response(s.port(), ""));
    }
    SECTION("a certificate from an untrusted CA") {
        ncpeh::testing::temp_dir dir;
        const auto key = dir.path() / "rogue.key";
        const auto cert = dir.path() / "rogue.pem";
        const auto made = ncpeh::testing::run_command(
            {"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/C=FI/CN=ncp.fi.localhost", "-keyout", key.string(), "-out", cert.string()});
        REQUIRE(made.exit_code == 0);
        const bool answered = gets_a_response(s.port(), "", [&](ssl::context& tls) {
            tls.use_certificate_chain_file(cert.string());
            tls.use_private_key_file(key.string(), ssl::context::pem);
        });
        CHECK_FALSE(answered);
    }
    SECTION("trusted but not configured as a partner: 403 with a SOAP fault") {
        client se(s.port(), "se-tls");
        auto res = se.post("/xca", "application/soap+xml", "<x/>");
        CHECK(res.result() == http::status::forbidden);
        CHECK(res.body().find("ERROR_SEC_GENERIC: the TLS client certificate is trusted but not "
                              "configured for any partner") != std::string::npos);
    }
    SECTION("TLS 1.1 is not spoken") {
        CHECK_FALSE(gets_a_response(s.port(), "fi-tls", [](ssl::context& tls) {
            SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_1_VERSION);
            SSL_CTX_set_max_proto_version(tls.native_handle(), TLS1_1_VERSION);
            SSL_CTX_set_security_level(tls.native_handle(), 0);
        }));
    }
    CHECK(s.handled() == 0);
}

TEST_CASE("oversized bodies and headers are refused before the handler runs") {
    server::server_limits limits;
    limits.max_body_bytes = 1024;
    limits.max_header_bytes = 2048;
    running_server s(limits);
    {
        client fi(s.port(), "fi-tls");
        CHECK(fi.post("/xca", "text/plain", std::string(2000, 'x')).result() ==
              http::status::payload_too_large);
    }
    {
        client fi(s.port(), "fi-tls");
        CHECK(fi.post("/xca", "text/plain", std::string(2000, 'x'), true).result() ==
              http::status::payload_too_large);
    }
    {
        client fi(s.port(), "fi-tls");
        http::request<http::string_body> req{http::verb::post, "/xca", 11};
        req.set("X-Padding", std::string(4000, 'p'));
        req.prepare_payload();
        http::write(fi.stream(), req);
        CHECK(fi.read().result() == http::status::request_header_fields_too_large);
    }
    CHECK(s.handled() == 0);
}

TEST_CASE("the connection cap refuses connections beyond it") {
    server::server_limits limits;
    limits.max_connections = 1;
    running_server s(limits);
    client first(s.port(), "fi-tls");
    CHECK(first.post("/", "text/plain", "a").result() == http::status::ok);
    CHECK_FALSE(gets_a_response(s.port(), "fi-tls"));
    CHECK(first.post("/", "text/plain", "b").body() == "FI:1");
}

TEST_CASE("shutdown lets the in-flight request finish, then refuses new connections") {
    running_server s({}, std::chrono::milliseconds(400));
    client fi(s.port(), "fi-tls");
    http::request<http::string_body> req{http::verb::post, "/xca", 11};
    req.body() = "slow";
    req.prepare_payload();
    http::write(fi.stream(), req);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::thread stopper([&] { s.shutdown(); });
    auto res = fi.read();
    stopper.join();
    CHECK(res.result() == http::status::ok);
    CHECK(res.body() == "FI:4");
    CHECK_FALSE(res.keep_alive());
    CHECK_FALSE(gets_a_response(s.port(), "fi-tls"));
}

TEST_CASE("a plain listener serves HTTP with the same limits and tells the handler who called") {
    net::io_context context;
    server::server_limits limits;
    limits.max_body_bytes = 64;
    limits.max_connections = 1;
    std::string seen;
    server::http_server plain(
        context.get_executor(), nullptr, limits,
        [&seen](const server::connection_info& client,
                server::request&& req) -> net::awaitable<server::response> {
            seen = client.remote_address + (client.tls ? " tls " : " plain ") +
                   (client.certificate_sha256.empty() ? "no-certificate" : "certificate");
            server::response res{http::status::ok, req.version()};
            res.body() = std::string(req.target());
            co_return res;
        },
        {}, "test");
    const auto port = plain.listen("127.0.0.1", 0).value().port();
    std::thread runner([&] { context.run(); });

    tcp::socket socket(context);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    beast::flat_buffer buffer;
    auto exchange = [&](http::request<http::string_body> req) {
        req.set(http::field::host, "localhost");
        req.prepare_payload();
        http::write(socket, req);
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        return res;
    };
    auto first = exchange({http::verb::get, "/first", 11});
    CHECK(first.result() == http::status::ok);
    CHECK(first.body() == "/first");
    CHECK(seen == "127.0.0.1 plain no-certificate");
    auto second = exchange({http::verb::get, "/second", 11});  // the same, kept-alive connection
    CHECK(second.body() == "/second");
    http::request<http::string_body> big{http::verb::post, "/big", 11};
    big.body() = std::string(100, 'x');
    CHECK(exchange(std::move(big)).result() == http::status::payload_too_large);

    auto stopped = net::co_spawn(context, plain.shutdown(), net::use_future);
    stopped.wait();
    context.stop();
    runner.join();
}
