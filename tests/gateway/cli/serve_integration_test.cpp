// `ncpeh serve` as a real process: configuration, mutual TLS, SOAP dispatch, graceful stop.
#include <catch2/catch.hpp>

#include <boost/beast/http/status.hpp>

#include <memory>
#include <regex>
#include <vector>

#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace http = boost::beast::http;

namespace {

/// The example configuration with absolute paths and every listener on a free port.
std::filesystem::path write_config(const ncpeh::testing::temp_dir& dir) {
    std::string text =
        ncpeh::testing::read_file(ncpeh::testing::source_dir() / "config/ncpeh.example.toml");
    text = std::regex_replace(text, std::regex(R"(\.\./)"),
                              ncpeh::testing::source_dir().string() + "/");
    text =
        std::regex_replace(text, std::regex(R"(^port = \d+)", std::regex::multiline), "port = 0");
    return dir.write("ncpeh.toml", text);
}

unsigned short ncp_port_of(const std::string& log) {
    std::smatch match;
    REQUIRE(
        std::regex_search(log, match, std::regex(R"re("ncp_listener":"127\.0\.0\.1:(\d+)")re")));
    return static_cast<unsigned short>(std::stoi(match[1]));
}

std::string envelope(const std::string& action) {
    return R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header><a:Action>)" +
           action +
           R"(</a:Action><a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID></s:Header><s:Body><x xmlns="urn:x"/></s:Body></s:Envelope>)";
}

}  // namespace

TEST_CASE("ncpeh serve answers partners over mutual TLS and stops gracefully on SIGTERM") {
    ncpeh::testing::temp_dir dir;
    const auto config = write_config(dir);
    // Three I/O threads, each with its own io_context: connections go to them in turn.
    ncpeh::testing::child_process serve(
        {NCPEH_EXECUTABLE, "serve", "--config", config.string(), "--threads", "3"},
        dir.path() / "serve.log");
    REQUIRE(ncpeh::testing::wait_for_log(serve, "ncpeh.started"));
    const unsigned short port = ncp_port_of(serve.log());
    CHECK(serve.log().find(R"("threads":3)") != std::string::npos);

    ncpeh::testing::tls_client fi(port, "fi-tls");
    SECTION("an unknown action is a Sender fault relating to the request") {
        auto res = fi.post("/xca", "application/soap+xml", envelope("urn:example:nothing"));
        CHECK(res.result() == http::status::bad_request);
        CHECK(res.body().find("ERROR_GENERIC_SERVICE_SIGNIFIER_UNKNOWN: unknown wsa:Action") !=
              std::string::npos);
        CHECK(res.body().find(
                  "<wsa:RelatesTo>urn:uuid:11111111-2222-4333-8444-555555555555</wsa:RelatesTo>") !=
              std::string::npos);
    }
    SECTION("a known transaction without assertions is refused in its own response shape") {
        auto res =
            fi.post("/xca", "application/soap+xml", envelope("urn:ihe:iti:2007:CrossGatewayQuery"));
        CHECK(res.result() == http::status::ok);
        CHECK(res.body().find("AdhocQueryResponse") != std::string::npos);
        CHECK(res.body().find("ResponseStatusType:Failure") != std::string::npos);
        CHECK(res.body().find("RegistryObject ") == std::string::npos);
    }
    SECTION("malformed SOAP and SOAP 1.1 are Sender / VersionMismatch faults") {
        auto bad = fi.post("/xca", "application/soap+xml", "<unclosed>");
        CHECK(bad.result() == http::status::bad_request);
        CHECK(bad.body().find("env:Sender") != std::string::npos);
        auto v11 = fi.post("/xca", "text/xml", "<x/>");
        CHECK(v11.body().find("env:VersionMismatch") != std::string::npos);
    }
    SECTION("a trusted certificate that is not a partner is refused") {
        ncpeh::testing::tls_client se(port, "se-tls");
        CHECK(se.post("/xca", "application/soap+xml", envelope("urn:x")).result() ==
              http::status::forbidden);
    }
    // Kept-alive connections on every io_context answer, and none of them holds up the stop.
    std::vector<std::unique_ptr<ncpeh::testing::tls_client>> kept_alive;
    for (int i = 0; i < 3; ++i) {
        kept_alive.push_back(std::make_unique<ncpeh::testing::tls_client>(port, "fi-tls"));
        CHECK(kept_alive.back()
                  ->post("/xca", "application/soap+xml", envelope("urn:example:nothing"))
                  .result() == http::status::bad_request);
    }
    CHECK_FALSE(ncpeh::testing::gets_a_response(port, ""));
    CHECK(serve.stop() == 0);
    CHECK(serve.log().find("ncpeh.stopped") != std::string::npos);
}
