// Attacks on a running `ncpeh serve` (the reference national store and ncpeh as real processes
// on loopback): connection floods without a certificate, XML that would make the parser's work
// grow faster than its size, and broken requests that must leave a trace in the log.
#include <catch2/catch.hpp>

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <deque>
#include <future>
#include <string>
#include <thread>

#include <cerrno>
#include <vector>

#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace ncpeh::testing;
using namespace ncpeh::samples::foreign_ncp;

namespace {

/// A TCP connection from `source` (any 127.0.0.0/8 address works on Linux) that sends the first
/// byte of a TLS record and then nothing more, as a flood would (a socket that sends nothing at
/// all is not even accepted until the handshake time-out: TCP_DEFER_ACCEPT).
tcp::socket stalled_connection(net::io_context& io, const std::string& source,
                               unsigned short port) {
    tcp::socket socket(io);
    socket.open(tcp::v4());
    socket.bind({net::ip::make_address(source), 0});
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    const unsigned char handshake_record = 0x16;
    boost::system::error_code refused;  // the server may already have closed it
    net::write(socket, net::buffer(&handshake_record, 1), refused);
    return socket;
}

/// Whether the server has closed `socket` (end of stream or a reset); one still waiting for the
/// rest of its TLS handshake has nothing to read.
bool closed_by_server(tcp::socket& socket) {
    char byte = 0;
    const auto got = ::recv(socket.native_handle(), &byte, 1, MSG_DONTWAIT);
    return got == 0 || (got < 0 && errno == ECONNRESET);
}

std::string source_address(int n) {
    return "127.0.0." + std::to_string(2 + n % 200);
}

}  // namespace

TEST_CASE("Partners keep being served while handshake-less connections flood the listener") {
    temp_dir dir;
    auto store = start_national_store(dir);
    // Small caps, so that the flood is many times each of them.
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url(),
                                       .overrides = {{"max_request_bytes", "131072"},
                                                     {"max_connections", "8"},
                                                     {"max_handshakes", "32"},
                                                     {"max_handshakes_per_address", "4"},
                                                     {"handshake_timeout_ms", "3000"}}});
    net::io_context io;
    // 400 stalled sockets, five at a time from each of 80 addresses: 12 times the handshake pool,
    // 50 times the partner cap. Before the fix, 8 of them locked every partner out.
    std::vector<tcp::socket> held;
    for (int i = 0; i < 400; ++i) {
        held.push_back(stalled_connection(io, source_address(i / 5), gateway.port));
    }
    // And a flood that keeps renewing itself meanwhile.
    std::atomic<bool> flooding{true};
    std::atomic<int> renewed{0};
    auto renewing = std::async(std::launch::async, [&] {
        net::io_context own;
        std::deque<tcp::socket> ring;
        while (flooding) {
            ring.push_back(
                stalled_connection(own, source_address(100 + renewed % 100), gateway.port));
            ++renewed;
            if (ring.size() > 100) {
                ring.pop_front();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
        }
    });

    // Partner requests for as long as the flood renews at least 25 of its sockets.
    int sent = 0;
    int served = 0;
    while ((sent < 20 || renewed < 25) && sent < 500) {
        ++sent;
        served += identifies_tolvan(gateway.port) ? 1 : 0;
    }
    flooding = false;
    renewing.get();
    CHECK(renewed >= 25);
    CHECK(served == sent);
    const std::string log = gateway.process->log();
    CHECK(contains(log, "too many TLS handshakes under way from this address"));
    CHECK(contains(log, R"("event":"server.handshake_evicted")"));
    CHECK(contains(log, R"("suppressed":)"));
    REQUIRE(gateway.process->is_running());
}

TEST_CASE("One address cannot hold more handshakes than its share") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url(),
                                       .overrides = {{"max_request_bytes", "131072"},
                                                     {"max_handshakes", "64"},
                                                     {"max_handshakes_per_address", "4"}}});
    net::io_context io;
    std::vector<tcp::socket> sockets;
    for (int i = 0; i < 6; ++i) {
        sockets.push_back(stalled_connection(io, "127.0.0.9", gateway.port));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    int closed = 0;
    for (auto& socket : sockets) {
        closed += closed_by_server(socket) ? 1 : 0;
    }
    CHECK(closed == 2);
    CHECK(identifies_tolvan(gateway.port));  // another address is not affected
}

TEST_CASE("A partner may open a pool of 16 connections at once with the default limits") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url()});
    std::vector<std::future<bool>> pool;
    for (int i = 0; i < 16; ++i) {
        pool.push_back(
            std::async(std::launch::async, [&] { return identifies_tolvan(gateway.port); }));
    }
    int served = 0;
    for (auto& answer : pool) {
        served += answer.get() ? 1 : 0;
    }
    CHECK(served == 16);
    CHECK_FALSE(contains(gateway.process->log(), "server.connection_refused"));
}

TEST_CASE(
    "An element with 100,000 attributes is refused at once, and valid requests on the same "
    "I/O thread go on") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway =
        start_gateway(dir, {.store_url = store.fhir_url(),
                            .overrides = {{"max_request_bytes", std::to_string(4 * 1024 * 1024)}},
                            .threads = 1});
    std::string attack =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
        "<s:Header/><s:Body><x";
    for (int i = 0; i < 100000; ++i) {
        attack += " a" + std::to_string(i) + "=\"v\"";
    }
    attack += "/></s:Body></s:Envelope>";
    REQUIRE(attack.size() > 1'000'000);

    // The worst request within the limits: as many attributes as allowed, 64 to an element.
    std::string heavy =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
        "<s:Header/><s:Body><r>";
    for (int element = 0; element < 4000; ++element) {
        heavy += "<e";
        for (int i = 0; i < 64; ++i) {
            heavy += " a" + std::to_string(i) + "=\"value\"";
        }
        heavy += "/>";
    }
    heavy += "</r></s:Body></s:Envelope>";

    auto send = [&](const std::string& body) {
        tls_client client(gateway.port, "fi-tls");
        return client.post("/ncp", "application/soap+xml", body);
    };
    const auto refused = send(attack);
    CHECK(refused.result() == boost::beast::http::status::bad_request);
    CHECK(contains(refused.body(), "an element has more than 64 attributes"));

    std::vector<std::future<boost::beast::http::response<boost::beast::http::string_body>>> load;
    for (int i = 0; i < 4; ++i) {
        load.push_back(std::async(std::launch::async, [&] { return send(attack); }));
        load.push_back(std::async(std::launch::async, [&] { return send(heavy); }));
    }
    int served = 0;
    for (int i = 0; i < 5; ++i) {
        served += identifies_tolvan(gateway.port) ? 1 : 0;
    }
    CHECK(served == 5);
    for (auto& answer : load) {
        const auto res = answer.get();
        CHECK(res.result() == boost::beast::http::status::bad_request);  // no wsa:Action
    }
    REQUIRE(gateway.process->is_running());
}

TEST_CASE(
    "Requests that time out half-way, cannot be parsed or renegotiate are logged with "
    "the address") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(
        dir, {.store_url = store.fhir_url(),
              .overrides = {{"max_request_bytes", "131072"}, {"read_timeout_ms", "500"}}});
    {
        tls_client half(gateway.port, "fi-tls");
        net::write(half.stream(), net::buffer(std::string("POST /ncp HTTP/1.1\r\n")));
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    }
    {
        tls_client garbage(gateway.port, "fi-tls");
        net::write(garbage.stream(), net::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    {
        // TLS 1.2 allows the client to ask for a renegotiation, which the server refuses.
        tls_client renegotiating(gateway.port, "fi-tls", [](net::ssl::context& tls) {
            SSL_CTX_set_max_proto_version(tls.native_handle(), TLS1_2_VERSION);
        });
        REQUIRE(SSL_renegotiate(renegotiating.stream().native_handle()) == 1);
        boost::system::error_code refused;  // through asio, which moves the bytes
        renegotiating.stream().handshake(net::ssl::stream_base::client, refused);
        CHECK(refused);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    {
        tls_client idle(gateway.port, "fi-tls");  // a kept-alive connection going idle: no line
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    }
    const std::string log = gateway.process->log();
    CHECK(contains(log, R"("reason":"read timed out in the middle of a request)"));
    CHECK(contains(log, R"("reason":"unparsable HTTP request)"));
    CHECK(contains(log, R"("reason":"TLS or connection failure)"));
    CHECK(contains(log, R"("remote":"127.0.0.1")"));
    CHECK(occurrences(log, "http.request_failed") == 3);
}
