// The ops listener of a running `ncpeh serve` (with the reference national store as a real
// process on loopback): health, readiness with each check and why it fails, and metrics that
// Prometheus' own checker accepts and that count the partner traffic exactly.
#include <catch2/catch.hpp>

#include <fmt/chrono.h>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace http = boost::beast::http;
using namespace ncpeh::testing;

namespace {

std::string metrics_of(unsigned short ops_port) {
    auto [status, body] = plain_http(ops_port, http::verb::get, "/metrics");
    REQUIRE(status == 200);
    return body;
}

// `promtool check metrics` (Debian's prometheus package) on the text: its verdict and output.
command_result promtool_check(const temp_dir& dir, const std::string& metrics) {
    const auto file = dir.write("metrics.txt", metrics);
    return run_command({"/bin/sh", "-c", "promtool check metrics < '" + file.string() + "'"});
}

boost::json::object readiness_of(unsigned short ops_port, unsigned expected_status) {
    auto [status, body] = plain_http(ops_port, http::verb::get, "/readyz");
    INFO(body);
    CHECK(status == expected_status);
    return boost::json::parse(body).as_object();
}

std::string state_of(const boost::json::object& readiness, std::string_view check) {
    for (const auto& entry : readiness.at("checks").as_array()) {
        if (entry.at("name").as_string() == check) {
            return std::string(entry.at("state").as_string());
        }
    }
    return "absent";
}

}  // namespace

TEST_CASE("ops listener: health, readiness and metrics of a gateway serving partners") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url()});

    auto [health_status, health] = plain_http(gateway.ops_port, http::verb::get, "/healthz");
    CHECK(health_status == 200);
    CHECK(health == R"({"status":"serving"})");

    const auto ready = readiness_of(gateway.ops_port, 200);
    CHECK(ready.at("ready") == true);
    CHECK(state_of(ready, "national_store") == "ok");
    CHECK(state_of(ready, "database") == "ok");
    CHECK(state_of(ready, "credential tls_server: CN=ncp.se.localhost,O=ncpeh development,C=SE") ==
          "ok");
    CHECK(state_of(ready, "crl crls: CN=ncpeh dev eHDSI test CA,O=ncpeh development,C=SE") == "ok");

    // Traffic: two identifications, one refused for an expired seal.
    REQUIRE(identifies_tolvan(gateway.port));
    REQUIRE(identifies_tolvan(gateway.port));
    CHECK(contains(identify_tolvan_with_expired_seal(gateway.port), "certificate"));

    const std::string metrics = metrics_of(gateway.ops_port);
    INFO(metrics);
    const auto checked = promtool_check(dir, metrics);
    INFO(checked.out + checked.err);
    CHECK(checked.exit_code == 0);
    CHECK(contains(metrics,
                   "ncpeh_transactions_total{direction=\"inbound\",transaction=\"xcpd\","
                   "partner=\"FI\",outcome=\"success\",error=\"\"} 2\n"));
    CHECK(contains(metrics,
                   "ncpeh_transactions_total{direction=\"inbound\",transaction=\"xcpd\","
                   "partner=\"FI\",outcome=\"failure\",error=\"certificate_expired\"} 1\n"));
    CHECK(contains(metrics, "ncpeh_assertion_refusals_total{reason=\"certificate_expired\"} 1\n"));
    CHECK(contains(metrics,
                   "ncpeh_transaction_duration_seconds_count{direction=\"inbound\","
                   "transaction=\"xcpd\"} 3\n"));
    CHECK(contains(metrics, "ncpeh_build_info{version=\""));
    // The national store's calls: one per identification (the patient and consents at once).
    CHECK(contains(metrics,
                   "ncpeh_national_store_requests_total{operation=\"find_patient_with_"
                   "consents\",outcome=\"success\",error=\"\"} 2\n"));
    CHECK(contains(metrics,
                   "ncpeh_national_store_request_duration_seconds_count{operation=\""
                   "find_patient_with_consents\"} 2\n"));
    CHECK(contains(metrics, "ncpeh_audit_writable 1\n"));
    CHECK(contains(metrics, "ncpeh_replay_cache_entries 2\n"));  // the accepted HCP assertions
    // The dispensation outbox (country B): empty, nothing attempted, no partner held.
    CHECK(contains(metrics, "ncpeh_outbox_records{status=\"queued\"} 0\n"));
    CHECK(contains(metrics, "ncpeh_outbox_records{status=\"delivered\"} 0\n"));
    CHECK(contains(metrics, "ncpeh_outbox_oldest_pending_seconds 0\n"));
    CHECK(contains(metrics, "ncpeh_outbox_attempts_total 0\n"));
    CHECK(contains(metrics, "ncpeh_outbox_partners_held 0\n"));
    CHECK(contains(metrics,
                   "ncpeh_trust_expiry_seconds{kind=\"credential\",purpose=\"seal\","
                   "subject=\"CN=NCP-SE seal,O=ncpeh development,C=SE\""));
    // No personal data: neither the personnummer nor the patient's name.
    CHECK_FALSE(contains(metrics, "191212121212"));
    CHECK_FALSE(contains(metrics, "Testsson"));

    // Handshake failures by reason: no client certificate, and plain HTTP on the TLS port.
    CHECK_FALSE(gets_a_response(gateway.port, ""));
    CHECK_THROWS(plain_http(gateway.port, http::verb::get, "/"));
    for (const std::string reason : {"no_certificate", "protocol"}) {
        INFO(reason);
        const std::string line =
            "ncpeh_tls_handshake_failures_total{listener=\"ncp\",reason=\"" + reason + "\"} 1\n";
        bool counted = false;  // the server counts once its handshake has ended: wait a little
        for (int attempt = 0; attempt < 50 && !counted; ++attempt) {
            counted = contains(metrics_of(gateway.ops_port), line);
            if (!counted) {
                std::this_thread::sleep_for(std::chrono::milliseconds(40));
            }
        }
        CHECK(counted);
    }

    CHECK(plain_http(gateway.ops_port, http::verb::get, "/nowhere").first == 404);
    CHECK(plain_http(gateway.ops_port, http::verb::post, "/metrics", "x").first == 405);

    // The national store goes away: not ready, and why.
    store.process->stop();
    const auto not_ready = readiness_of(gateway.ops_port, 503);
    CHECK(not_ready.at("ready") == false);
    CHECK(state_of(not_ready, "national_store") == "failing");
    CHECK(state_of(not_ready, "database") == "ok");
    CHECK(plain_http(gateway.ops_port, http::verb::get, "/healthz").first == 200);
    CHECK_FALSE(identifies_tolvan(gateway.port));
    CHECK(contains(metrics_of(gateway.ops_port),
                   "ncpeh_national_store_requests_total{operation=\"find_patient_with_consents\","
                   "outcome=\"failure\",error=\"national_store_unreachable\"} 1\n"));

    // KPIs from the audit trail: refused while the gateway holds the database, then counted.
    const std::string config = (dir.path() / "ncpeh.toml").string();
    const std::vector<std::string> kpi{NCPEH_EXECUTABLE, "kpi",  "--config",   config, "--from",
                                       "2026-01-01",     "--to", "2099-01-01", "--csv"};
    const auto while_serving = run_command(kpi);
    INFO(while_serving.err);
    CHECK(while_serving.exit_code == 2);
    CHECK(contains(
        while_serving.err,
        "cannot open the audit database: the database is locked: another process holds it"));
    gateway.process->stop();
    const auto counted = run_command(kpi);
    INFO(counted.err);
    CHECK(counted.exit_code == 0);
    const std::string month = fmt::format("{:%Y-%m}", std::chrono::system_clock::now());
    CHECK(counted.out ==
          "month,country,all,eP,eD,eD_discard,failed\r\n" + month + ",FI,2,0,0,0,2\r\n");
    const auto backwards = run_command({NCPEH_EXECUTABLE, "kpi", "--config", config, "--from",
                                        "2026-12-01", "--to", "2026-11-01"});
    CHECK(backwards.exit_code == 2);
    CHECK(contains(backwards.err, "--to after --from"));
}

TEST_CASE("ops listener with operators' TLS: only operators' certificates get in") {
    temp_dir dir;
    auto store = start_national_store(dir);
    std::string config = gateway_configuration(dir, {.store_url = store.fhir_url()});
    const auto commented = config.find("# operator_tls = ");
    REQUIRE(commented != std::string::npos);
    config.erase(commented, 2);
    const auto file = dir.write("ncpeh.toml", config);
    child_process gateway(
        {NCPEH_EXECUTABLE, "serve", "--config", file.string(), "--today", "2026-11-23"},
        dir.path() / "serve.log");
    REQUIRE(wait_for_log(gateway, "ncpeh.started"));
    const auto log = gateway.log();
    std::smatch m;
    REQUIRE(std::regex_search(log, m, std::regex(R"re("ops_listener":"127\.0\.0\.1:(\d+)")re")));
    const auto ops_port = static_cast<unsigned short>(std::stoi(m[1].str()));

    tls_client operator_on_duty(ops_port, "operator");
    http::request<http::string_body> get{http::verb::get, "/healthz", 11};
    get.set(http::field::host, "localhost");
    http::write(operator_on_duty.stream(), get);
    const auto answered = operator_on_duty.read();
    CHECK(answered.result() == http::status::ok);
    CHECK(answered.body() == R"({"status":"serving"})");

    CHECK_FALSE(gets_a_response(ops_port, "fi-tls"));  // a partner's certificate: another CA
    CHECK_FALSE(gets_a_response(ops_port, ""));        // no certificate
    CHECK_THROWS(plain_http(ops_port, http::verb::get, "/healthz"));  // not plain HTTP
}
