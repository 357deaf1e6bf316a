// The partner client against real sockets on loopback: the project's own http_server with the
// dev PKI (fi-tls plays the partner's server, se-tls is us), and scripted TCP peers for answers
// no real server gives.
// Test that the header is self-contained.
#include "gateway/net/http_client.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>

#include <chrono>
#include <optional>
#include <thread>

#include "gateway/net/tls_context.hpp"
#include "tests/gateway/support/loopback_servers.hpp"

namespace gnet = ncpeh::gateway::net;
namespace net = boost::asio;
namespace http = boost::beast::http;
using ncpeh::errc;
using ncpeh::testing::loopback_http_server;
using ncpeh::testing::scripted_tcp_server;
using namespace std::chrono_literals;

namespace {

gnet::response ok(const gnet::request& req) {
    gnet::response res{http::status::ok, 11};
    res.set(http::field::content_type, "text/plain");
    res.body() = "got " + std::to_string(req.body().size());
    return res;
}

/// Our side: an io_context on the test thread and a client whose connections live on it.
class caller {
  public:
    explicit caller(const std::string& anchors = "ca.pem", gnet::http_client_limits limits = {}) {
        tls_ = std::move(
            gnet::make_client_tls_context(ncpeh::testing::dev_tls_settings("se-tls", anchors))
                .value());
        client_.emplace(std::vector<net::any_io_executor>{context_.get_executor()}, tls_.get(),
                        limits);
    }

    ncpeh::result<gnet::response> post(const gnet::http_endpoint& to,
                                       std::chrono::milliseconds timeout = 10s,
                                       std::string body = "hello") {
        gnet::request req{http::verb::post, "/ncp", 11};
        req.set(http::field::content_type, "text/plain");
        req.body() = std::move(body);
        auto answer = net::co_spawn(
            context_, client_->send(to, std::move(req), std::chrono::steady_clock::now() + timeout),
            net::use_future);
        context_.restart();
        context_.run();
        return answer.get();
    }

    gnet::http_client& client() { return *client_; }

  private:
    net::io_context context_;  // outlives the client, which owns sockets of it
    std::unique_ptr<net::ssl::context> tls_;
    std::optional<gnet::http_client> client_;
};

gnet::http_endpoint tls_at(unsigned short port, std::string host = "127.0.0.1") {
    return {std::move(host), port, true};
}

gnet::http_endpoint plain_at(unsigned short port) {
    return {"127.0.0.1", port, false};
}

void wait_until(const std::function<bool()>& condition) {
    for (int i = 0; i < 500 && !condition(); ++i) {
        std::this_thread::sleep_for(10ms);
    }
    REQUIRE(condition());
}

const std::string ok_answer =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

}  // namespace

TEST_CASE("two calls over mutual TLS share one kept-alive connection", "[http_client]") {
    loopback_http_server partner(ok);
    caller us;
    auto first = us.post(tls_at(partner.port()));
    REQUIRE(first.has_value());
    CHECK(first->result_int() == 200);
    CHECK(first->body() == "got 5");
    auto second = us.post(tls_at(partner.port()), 10s, std::string(100000, 'x'));
    REQUIRE(second.has_value());
    CHECK(second->body() == "got 100000");
    CHECK(us.client().connections_opened() == 1);
    CHECK(partner.requests() == 2);
    CHECK(partner.open_connections() == 1);
}

TEST_CASE("a host name is resolved, sent as SNI and checked against the certificate",
          "[http_client]") {
    loopback_http_server partner(ok);
    caller us;
    auto answer = us.post(tls_at(partner.port(), "localhost"));
    REQUIRE(answer.has_value());
    CHECK(answer->body() == "got 5");
}

TEST_CASE("plain HTTP connections are kept alive too", "[http_client]") {
    loopback_http_server partner(ok, "");
    caller us;
    REQUIRE(us.post(plain_at(partner.port())).has_value());
    REQUIRE(us.post(plain_at(partner.port())).has_value());
    CHECK(us.client().connections_opened() == 1);
    CHECK(partner.open_connections() == 1);
}

TEST_CASE("a refused connection is unreachable", "[http_client]") {
    caller us;
    const auto port = ncpeh::testing::closed_port();
    auto answer = us.post(tls_at(port));
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_unreachable);
    CHECK(answer.error().context_value("stage") == "connect");
    CHECK(answer.error().context_value("endpoint") == "127.0.0.1:" + std::to_string(port));
    CHECK(answer.error().message.find("cannot connect to 127.0.0.1:") == 0);
}

TEST_CASE("a server certificate from a CA we do not trust is unreachable, saying why",
          "[http_client]") {
    loopback_http_server partner(ok);
    caller us("rogue-ca.pem");
    auto answer = us.post(tls_at(partner.port()));
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_unreachable);
    CHECK(answer.error().context_value("stage") == "tls");
    CHECK(answer.error().message.find("the server certificate was refused") != std::string::npos);
    CHECK(partner.requests() == 0);
}

TEST_CASE("a server certificate that does not name the address called is refused",
          "[http_client]") {
    // The dev TLS certificates name localhost and 127.0.0.1, not 127.0.0.2.
    loopback_http_server partner(ok, "fi-tls", {}, "127.0.0.2");
    caller us;
    auto answer = us.post(tls_at(partner.port(), "127.0.0.2"));
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_unreachable);
    CHECK(answer.error().message.find("IP address mismatch") != std::string::npos);
    CHECK(partner.requests() == 0);
}

TEST_CASE("a server that never answers is a time-out, at every stage", "[http_client]") {
    ncpeh::testing::silent_listener silent;
    caller us;
    SECTION("in the TLS handshake") {
        auto answer = us.post(tls_at(silent.port()), 200ms);
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_timeout);
        CHECK(answer.error().context_value("stage") == "tls");
    }
    SECTION("waiting for the answer") {
        scripted_tcp_server mute([](net::ip::tcp::socket& socket, int) {
            std::string leftover;
            ncpeh::testing::read_request(socket, leftover);
            ncpeh::testing::read_request(socket, leftover);  // until the client gives up
        });
        auto answer = us.post(plain_at(mute.port()), 200ms);
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_timeout);
        CHECK(answer.error().context_value("stage") == "read");
    }
}

TEST_CASE("an answer above the size limits is invalid", "[http_client]") {
    loopback_http_server partner([](const gnet::request&) {
        gnet::response res{http::status::ok, 11};
        res.set("X-Padding", std::string(300, 'p'));
        res.body() = std::string(2000, 'a');
        return res;
    });
    SECTION("the body") {
        caller us("ca.pem", {.max_body_bytes = 1000});
        auto answer = us.post(tls_at(partner.port()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().message.find("larger than allowed") != std::string::npos);
    }
    SECTION("the header") {
        caller us("ca.pem", {.max_header_bytes = 200});
        auto answer = us.post(tls_at(partner.port()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
    }
}

TEST_CASE("malformed HTTP and answers cut short are invalid", "[http_client]") {
    SECTION("not HTTP") {
        scripted_tcp_server garbage([](net::ip::tcp::socket& socket, int) {
            std::string leftover;
            ncpeh::testing::read_request(socket, leftover);
            net::write(socket, net::buffer(std::string("SSH-2.0-OpenSSH\r\n\r\n")));
        });
        caller us;
        auto answer = us.post(plain_at(garbage.port()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().message.find("not valid HTTP/1.1") != std::string::npos);
    }
    SECTION("cut short") {
        scripted_tcp_server cut([](net::ip::tcp::socket& socket, int) {
            std::string leftover;
            ncpeh::testing::read_request(socket, leftover);
            net::write(socket, net::buffer(std::string(
                                   "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")));
        });
        caller us;
        auto answer = us.post(plain_at(cut.port()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().message.find("cut short") != std::string::npos);
    }
}

TEST_CASE("a kept-alive connection the server closed while idle is replaced", "[http_client]") {
    gnet::server_limits limits;
    limits.read_timeout = 100ms;  // the server closes idle connections quickly
    loopback_http_server partner(ok, "fi-tls", limits);
    caller us;
    REQUIRE(us.post(tls_at(partner.port())).has_value());
    wait_until([&] { return partner.open_connections() == 0; });
    auto second = us.post(tls_at(partner.port()));
    REQUIRE(second.has_value());
    CHECK(second->body() == "got 5");
    CHECK(us.client().connections_opened() == 2);
}

TEST_CASE("a request that meets a closed kept-alive connection is sent once more on a new one",
          "[http_client]") {
    // The first connection answers once, then takes the second request and closes without a
    // byte of answer (a server that timed the connection out just as the request came).
    scripted_tcp_server partner([](net::ip::tcp::socket& socket, int n) {
        std::string leftover;
        if (!ncpeh::testing::read_request(socket, leftover)) {
            return;
        }
        net::write(socket, net::buffer(ok_answer));
        if (n == 0) {
            ncpeh::testing::read_request(socket, leftover);
            socket.close();
        }
    });
    caller us;
    REQUIRE(us.post(plain_at(partner.port())).has_value());
    auto second = us.post(plain_at(partner.port()));
    REQUIRE(second.has_value());
    CHECK(second->body() == "ok");
    CHECK(partner.connections() == 2);
    CHECK(us.client().connections_opened() == 2);
}

TEST_CASE("a new connection closed without an answer is not retried", "[http_client]") {
    scripted_tcp_server partner([](net::ip::tcp::socket& socket, int) {
        std::string leftover;
        ncpeh::testing::read_request(socket, leftover);
        socket.close();
    });
    caller us;
    auto answer = us.post(plain_at(partner.port()));
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_unreachable);
    CHECK(answer.error().context_value("stage") == "read");
    CHECK(answer.error().message.find("closed the connection without answering") !=
          std::string::npos);
    CHECK(partner.connections() == 1);
}

TEST_CASE("https without a TLS context is refused before connecting", "[http_client]") {
    net::io_context context;
    gnet::http_client plain_only({context.get_executor()}, nullptr);
    auto answer =
        net::co_spawn(context,
                      plain_only.send(tls_at(443), gnet::request{http::verb::get, "/", 11},
                                      std::chrono::steady_clock::now() + 1s),
                      net::use_future);
    context.run();
    auto result = answer.get();
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == errc::foreign_ncp_unreachable);
    CHECK(plain_only.connections_opened() == 0);
}

TEST_CASE("endpoints name their authority with IPv6 brackets", "[http_client]") {
    CHECK(gnet::http_endpoint{"ncp.fi.example", 8443, true}.authority() == "ncp.fi.example:8443");
    CHECK(gnet::http_endpoint{"::1", 443, true}.authority() == "[::1]:443");
}
