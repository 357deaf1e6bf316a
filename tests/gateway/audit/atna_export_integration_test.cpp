// The eHDSI audit trail to a real ATNA repository: Debian's rsyslogd (RFC 5425 syslog over
// TLS, client certificates required) on loopback, `ncpeh serve` with the reference national
// store, Finnish partner calls. Every transaction's audit message arrives once, in order, with
// its codes; nothing is lost while the repository is down or when ncpeh is killed.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <regex>
#include <set>
#include <string>
#include <thread>

#include "gateway/ihe/transaction.hpp"
#include "tests/gateway/support/atna_summary.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/rsyslog_receiver.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace http = boost::beast::http;
using namespace ncpeh::testing;

namespace {

namespace ihe = ncpeh::gateway::ihe;

constexpr std::string_view bom = "\xEF\xBB\xBF";

std::string message_id(int n) {
    return fmt::format("urn:uuid:6d0f4c3e-0000-4000-8000-{:012}", n);
}

std::string atna_config(unsigned short port) {
    const auto pki = source_dir() / "samples/pki/generated";
    return fmt::format(R"(
[audit.atna]
host = "127.0.0.1"
port = {}
anchors = "{}"
hostname = "ncp.se.localhost"
first_retry_ms = 100
max_retry_ms = 400

[audit.atna.tls_client]
certificate = "{}"
private_key = "{}"
)",
                       port, (pki / "trust-audit-repository.pem").string(),
                       (pki / "se-audit-client.pem").string(),
                       (pki / "se-audit-client.key").string());
}

// An XCPD for Tolvan Testsson with request MessageID number `n`.
void identify(unsigned short port, int n) {
    const auto res = call_ncp(port, ihe::request_action(ihe::transaction::xcpd), {},
                              xcpd_body(partner_sources(), "191212121212"), message_id(n));
    REQUIRE(res.result_int() == 200);
    REQUIRE(contains(res.body(), R"(<queryResponseCode code="OK"/>)"));
}

// The request MessageIDs of the received XCPD audit messages, in the order they arrived.
std::vector<std::string> request_ids(const std::vector<received_syslog>& received) {
    std::vector<std::string> out;
    for (const received_syslog& m : received) {
        REQUIRE(m.msg.starts_with(bom));
        const auto summary = summarize_atna(std::string_view(m.msg).substr(bom.size()));
        const auto ids = summary.object_ids("req");
        REQUIRE(ids.size() == 1);
        out.push_back(ids.front());
    }
    return out;
}

std::vector<std::string> ids_from(int first, int last) {
    std::vector<std::string> out;
    for (int n = first; n <= last; ++n) {
        out.push_back(message_id(n));
    }
    return out;
}

// The value of an unlabelled metric, -1 when absent.
double metric(unsigned short ops_port, const std::string& name) {
    auto [status, body] = plain_http(ops_port, http::verb::get, "/metrics");
    REQUIRE(status == 200);
    std::smatch m;
    if (!std::regex_search(body, m, std::regex("\n" + name + " ([-0-9.e+]+)\n"))) {
        return -1;
    }
    return std::stod(m[1]);
}

void wait_for_metric(unsigned short ops_port, const std::string& name, double value) {
    for (int i = 0; i < 200 && metric(ops_port, name) != value; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(metric(ops_port, name) == value);
}

}  // namespace

TEST_CASE(
    "ATNA export: every transaction reaches rsyslog once, in order, through outages and kill -9") {
    temp_dir dir;
    const unsigned short syslog_port = free_loopback_port();
    rsyslog_receiver repository(dir, syslog_port);
    repository.start();
    auto store = start_national_store(dir);
    const gateway_options options{.store_url = store.fhir_url(),
                                  .extra_config = atna_config(syslog_port)};
    auto gateway = start_gateway(dir, options);

    // Three transactions while the repository is up: three messages, each as the peers write
    // them, in a syslog header that is RFC 5424's and IHE's.
    for (int n = 1; n <= 3; ++n) {
        identify(gateway.port, n);
    }
    REQUIRE(repository.wait_for(3) == 3);
    auto received = repository.received();
    CHECK(request_ids(received) == ids_from(1, 3));
    for (const received_syslog& m : received) {
        CHECK(m.pri == "85");  // facility 10 (security/authorisation), severity 5 (notice)
        CHECK(m.version == "1");
        CHECK(m.hostname == "ncp.se.localhost");
        CHECK(m.app_name == "ncpeh");
        CHECK(m.proc_id == std::to_string(gateway.process->pid()));
        CHECK(m.msg_id == "IHE+RFC-3881");
        CHECK(m.timestamp.starts_with("20"));
    }
    const auto first = summarize_atna(std::string_view(received[0].msg).substr(bom.size()));
    CHECK(first.event_id == "110112");
    CHECK(first.event_types == std::vector<std::string>{"ITI-55", "EHDSI-11"});
    CHECK(first.outcome == "0");
    CHECK(first.source_id == "SE");
    CHECK(first.with_role("ServiceConsumer").user_id == "ncp.fi.localhost");
    CHECK(first.with_role("ServiceConsumer").address == "127.0.0.1");
    CHECK(first.with_role("ServiceProvider").user_id == "ncp.se.localhost");
    CHECK(first.object_ids("2").size() == 1);  // the patient
    CHECK(first.object_ids("rsp").size() == 1);
    // Its credential and anchors are watched like the others.
    const auto [ready_status, readiness] = plain_http(gateway.ops_port, http::verb::get, "/readyz");
    CHECK(ready_status == 200);
    CHECK(contains(readiness, "credential atna_client: CN=ncp.se.localhost audit"));
    CHECK(contains(readiness, "anchor atna_repository: CN=ncpeh dev eHDSI test CA"));
    wait_for_metric(gateway.ops_port, "ncpeh_audit_exported_total", 3);
    CHECK(metric(gateway.ops_port, "ncpeh_audit_export_backlog") == 0);
    CHECK(metric(gateway.ops_port, "ncpeh_audit_export_connected") == 1);

    // The repository stops: the transactions still answer, their messages wait in the spool.
    repository.stop();
    for (int n = 4; n <= 8; ++n) {
        identify(gateway.port, n);
    }
    wait_for_metric(gateway.ops_port, "ncpeh_audit_export_backlog", 5);
    CHECK(metric(gateway.ops_port, "ncpeh_audit_export_connected") == 0);
    CHECK(metric(gateway.ops_port, "ncpeh_audit_export_oldest_seconds") >= 0);
    CHECK(repository.received().size() == 3);

    // It comes back: the exporter's retries find it and deliver the rest, none twice.
    repository.start();
    REQUIRE(repository.wait_for(8) >= 8);
    wait_for_metric(gateway.ops_port, "ncpeh_audit_export_backlog", 0);
    CHECK(request_ids(repository.received()) == ids_from(1, 8));

    // Down again, two more transactions, and ncpeh dies without a chance to send them: the
    // spool in its database has them, and the next ncpeh delivers them.
    repository.stop();
    identify(gateway.port, 9);
    identify(gateway.port, 10);
    wait_for_metric(gateway.ops_port, "ncpeh_audit_export_backlog", 2);
    gateway.process->kill_now();
    repository.start();
    auto restarted = start_gateway(dir, {.store_url = store.fhir_url(),
                                         .log_name = "serve-2.log",
                                         .extra_config = atna_config(syslog_port)});
    REQUIRE(repository.wait_for(10) >= 10);
    wait_for_metric(restarted.ops_port, "ncpeh_audit_export_backlog", 0);
    CHECK(request_ids(repository.received()) == ids_from(1, 10));
    CHECK(contains(restarted.process->log(), "atna.connected"));
    // No personal data in ncpeh's own log: the patient is only inside the audit messages.
    CHECK_FALSE(contains(gateway.process->log() + restarted.process->log(), "191212121212"));
}

TEST_CASE(
    "ATNA export: a repository whose certificate is not from the configured anchors gets nothing") {
    temp_dir dir;
    const unsigned short syslog_port = free_loopback_port();
    rsyslog_receiver repository(dir, syslog_port);
    repository.start();
    auto store = start_national_store(dir);
    // The anchors are the operators' CA, which did not issue the repository's certificate.
    std::string config = atna_config(syslog_port);
    config = std::regex_replace(config, std::regex("trust-audit-repository\\.pem"),
                                "trust-operator-tls.pem");
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url(), .extra_config = config});
    identify(gateway.port, 1);
    wait_for_metric(gateway.ops_port, "ncpeh_audit_export_backlog", 1);
    REQUIRE(wait_for_log(*gateway.process, "atna.undelivered"));
    CHECK(contains(gateway.process->log(), "certificate"));
    CHECK(repository.received().empty());
}
