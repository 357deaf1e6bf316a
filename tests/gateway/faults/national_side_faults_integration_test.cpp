// Faults on the national side and in the trust material, with ncpeh, the reference national store
// and the Finnish partner as real processes on loopback (docs/reliability.md, "Faults"): a store
// answering 500 or broken JSON, ncpeh killed in the middle of dispensations, a CRL passing its
// nextUpdate while ncpeh serves. Each asserts the behaviour written in its name.
#include <catch2/catch.hpp>

#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/ihe/transaction.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace http = boost::beast::http;
using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;
using namespace ncpeh::samples::foreign_ncp;

namespace {

namespace ihe = ncpeh::gateway::ihe;
const std::string_view xcpd_action = ihe::request_action(ihe::transaction::xcpd);
const std::string_view query_action = ihe::request_action(ihe::transaction::xca_query);
const std::string_view xdr_action = ihe::request_action(ihe::transaction::xdr_submit);

/// The dispenses the store holds for `prescription`, by NLLActorDispatchId: how often each.
std::map<std::string, int> dispenses_in_store(const national_store_process& store,
                                              std::string_view prescription) {
    auto [status, body] =
        plain_http(store.port, http::verb::get,
                   "/fhir/MedicationDispense?prescription=" + std::string(prescription));
    REQUIRE(status == 200);
    std::map<std::string, int> seen;
    const auto bundle = boost::json::parse(body).as_object();
    if (!bundle.contains("entry")) {
        return seen;
    }
    for (const auto& entry : bundle.at("entry").as_array()) {
        const auto& resource = entry.at("resource").as_object();
        std::string key = "(no dispatch id)";
        for (const auto& extension : resource.at("extension").as_array()) {
            if (extension.at("url").as_string().ends_with("NLLActorDispatchId")) {
                key = extension.at("valueString").as_string();
            }
        }
        ++seen[key];
    }
    return seen;
}

}  // namespace

TEST_CASE(
    "A national store answering 500 or cut-off JSON: partners get an error answer, the log the "
    "detail, and the next request is served when the store is back") {
    const std::string fault = GENERATE(as<std::string>{}, "http-500", "malformed-json");
    temp_dir dir;
    auto store = start_national_store(dir, {"--answer-fault", fault});
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url(), .store_timeout_ms = 2000});

    const auto query = call_ncp(gateway.port, query_action, for_patient(tolvan),
                                xca_query_body(partner_sources(), personnummer_cx(tolvan)));
    INFO(query.body());
    CHECK(query.result() == http::status::ok);
    CHECK(contains(query.body(), "ResponseStatusType:Failure"));
    CHECK(contains(query.body(), R"(errorCode="4104")"));
    CHECK(contains(query.body(), "the national prescription service could not answer"));
    CHECK(listed_ids(query.body()).empty());
    const auto xcpd = call_ncp(gateway.port, xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
    CHECK(contains(xcpd.body(), R"(<queryResponseCode code="AE"/>)"));
    const std::string log = gateway.process->log();
    CHECK(contains(log, R"("code":"national_data_access_failure")"));
    REQUIRE(gateway.process->is_running());

    // The store recovers (a restart on the same database, without the fault): served again.
    const auto store_port = store.port;
    store.process->stop();
    national_store_process healthy;
    healthy.process = std::make_unique<child_process>(
        std::vector<std::string>{
            NCPEH_NATIONAL_STORE_EXECUTABLE, "--db", (dir.path() / "store.db").string(), "--listen",
            "127.0.0.1:" + std::to_string(store_port), "--today", "2026-11-23"},
        dir.path() / "store-again.log");
    REQUIRE(wait_for_log(*healthy.process, "listening on 127.0.0.1:"));
    CHECK(identifies_tolvan(gateway.port));
}

TEST_CASE(
    "ncpeh killed with dispensations in flight: after a restart and the partner's retries the "
    "store holds every dispensation exactly once, the acknowledged ones from the start") {
    temp_dir dir;
    // Each write is applied, then answered 250 ms later while the store holds every other
    // request: the dispensations queue up, and the kill lands among them.
    auto store = start_national_store(dir, {"--write-delay-ms", "250"});
    const gateway_options options{.store_url = store.fhir_url(), .store_timeout_ms = 30000};
    auto gateway = std::make_unique<gateway_process>(start_gateway(dir, options));

    struct dispensation {
        std::string_view prescription;
        std::string number;
    };
    // Tolvan's prescriptions and how many dispensations each allows now (amlodipin has a
    // dispense interval).
    const std::map<std::string_view, std::size_t> allowed{
        {amoxicillin, 3}, {diklofenak, 3}, {amlodipin, 1}};
    std::map<std::string_view, std::map<std::string, int>> seeded;  // dispensed before the test
    for (const auto& [prescription, count] : allowed) {
        seeded[prescription] = dispenses_in_store(store, prescription);
    }
    // What the store holds for `prescription` beyond the seed.
    auto dispensed_here = [&](std::string_view prescription) {
        auto held = dispenses_in_store(store, prescription);
        for (const auto& [key, times] : seeded[prescription]) {
            held.erase(key);
        }
        return held;
    };
    std::vector<dispensation> all;
    for (const auto& [prescription, count] : allowed) {
        for (std::size_t i = 0; i < count; ++i) {
            all.push_back({prescription, std::to_string(9300 + all.size())});
        }
    }
    auto submit = [](unsigned short port, const dispensation& d, int attempt) {
        try {
            return call_ncp(port, xdr_action, for_patient(tolvan),
                            xdr_body(partner_sources(), personnummer_cx(tolvan), d.prescription,
                                     d.number),
                            "urn:uuid:6d0f4c3e-0000-4000-8000-" +
                                std::to_string(100000000000 + attempt * 1000 + std::stoi(d.number)))
                .body();
        } catch (const std::exception& e) {
            return std::string("no answer: ") + e.what();
        }
    };
    std::vector<std::future<std::string>> in_flight;
    for (const auto& d : all) {
        in_flight.push_back(std::async(std::launch::async, submit, gateway->port, d, 1));
    }
    // Kill once four of the seven writes have been applied.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (occurrences(store.process->log(), "applied POST /fhir/MedicationDispense") < 4) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(gateway->process->kill_now() == 128 + 9);
    std::set<std::string> acknowledged;
    std::size_t unanswered = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string answer = in_flight[i].get();
        if (contains(answer, "ResponseStatusType:Success")) {
            acknowledged.insert(all[i].number);
        } else {
            CHECK(contains(answer, "no answer"));
            ++unanswered;
        }
    }
    INFO("acknowledged " << acknowledged.size() << ", unanswered " << unanswered);
    CHECK(unanswered > 0);

    // Every acknowledged dispensation is in the store, none twice, before anything is retried.
    std::size_t stored = 0;
    for (const auto& [prescription, count] : allowed) {
        for (const auto& [key, times] : dispensed_here(prescription)) {
            CHECK(times == 1);
            stored += static_cast<std::size_t>(times);
        }
    }
    CHECK(stored >= acknowledged.size());

    // ncpeh restarts on the same audit database; the partner sends every dispensation again.
    gateway.reset();
    gateway_options again = options;
    again.log_name = "serve-again.log";
    gateway = std::make_unique<gateway_process>(start_gateway(dir, again));
    for (const auto& d : all) {
        const std::string answer = submit(gateway->port, d, 2);
        INFO(d.number << ": " << answer);
        CHECK(contains(answer, "ResponseStatusType:Success"));
    }
    std::size_t total = 0;
    for (const auto& [prescription, count] : allowed) {
        const auto held = dispensed_here(prescription);
        CHECK(held.size() == count);
        for (const auto& [key, times] : held) {
            INFO(key);
            CHECK(times == 1);
            total += static_cast<std::size_t>(times);
        }
    }
    CHECK(total == all.size());
}

TEST_CASE(
    "A CRL that passes its nextUpdate while ncpeh serves: partners are refused, the log says "
    "why, readiness and the expiry metric show it") {
    temp_dir dir;
    // A copy of the dev CA issues a CRL that is due in 8 seconds.
    const auto pki = dir.path() / "pki";
    std::filesystem::copy(source_dir() / "samples/pki/generated", pki,
                          std::filesystem::copy_options::recursive);
    const auto crl = pki / "short.crl.pem";
    const auto made = run_command(
        {"/bin/sh", "-c",
         "cd '" + pki.string() +
             "' && openssl ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem -crlsec 8 "
             "-out short.crl.pem"});
    REQUIRE(made.exit_code == 0);
    const auto due = std::chrono::steady_clock::now() + std::chrono::seconds(8);

    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url(),
                                       .overrides = {{"max_request_bytes", "131072"},
                                                     {"crls", "[\"" + crl.string() + "\"]"}}});
    REQUIRE(identifies_tolvan(gateway.port));
    CHECK(plain_http(gateway.ops_port, http::verb::get, "/readyz").first == 200);

    std::this_thread::sleep_until(due + std::chrono::seconds(2));
    CHECK_FALSE(gets_a_response(gateway.port, "fi-tls"));
    CHECK(wait_for_log(*gateway.process, "CRL has expired", std::chrono::seconds(5)));
    const auto [ready_status, readiness] = plain_http(gateway.ops_port, http::verb::get, "/readyz");
    INFO(readiness);
    CHECK(ready_status == 503);
    CHECK(contains(readiness, "has passed"));
    const auto [metrics_status, metrics] =
        plain_http(gateway.ops_port, http::verb::get, "/metrics");
    REQUIRE(metrics_status == 200);
    const auto line = metrics.find("ncpeh_trust_expiry_seconds{kind=\"crl\"");
    REQUIRE(line != std::string::npos);
    const auto value = metrics.substr(metrics.find("} ", line) + 2,
                                      metrics.find('\n', line) - metrics.find("} ", line) - 2);
    CHECK(std::stod(value) < 0);
    REQUIRE(gateway.process->is_running());
}

TEST_CASE(
    "The disk under the audit database fills up while ncpeh serves: partners are refused, the "
    "log says why, and service resumes once there is room") {
    temp_dir dir;
    auto store = start_national_store(dir);
    // A file-size limit on ncpeh's process, set 32 KiB above the audit database's size, stands
    // in for a full disk: the database reaches it long before the log does. SIGXFSZ is ignored,
    // so a write beyond the limit fails with EFBIG, as on a full disk with ENOSPC.
    auto gateway =
        start_gateway(dir, {.store_url = store.fhir_url(),
                            .launcher = {"/bin/sh", "-c", "trap '' XFSZ; exec \"$0\" \"$@\""}});
    REQUIRE(identifies_tolvan(gateway.port));
    std::uintmax_t largest = 0;
    for (const char* file : {"ncpeh.db", "ncpeh.db-wal", "serve.log"}) {
        const auto size = std::filesystem::file_size(dir.path() / file);
        UNSCOPED_INFO(file << ": " << size << " bytes");
        largest = std::max(largest, size);
    }
    // Only the soft limit: raising it again needs no privilege.
    REQUIRE(run_command({"/usr/bin/prlimit", "--pid", std::to_string(gateway.process->pid()),
                         "--fsize=" + std::to_string(largest + 32 * 1024) + ":unlimited"})
                .exit_code == 0);
    int served = 0;
    std::string refused;
    while (served < 2000) {
        const std::string body =
            call_ncp(gateway.port, xcpd_action, {}, xcpd_body(partner_sources(), tolvan)).body();
        if (!contains(body, R"(<queryResponseCode code="OK"/>)")) {
            refused = body;
            break;
        }
        ++served;
    }
    INFO("served " << served << " before the disk was full");
    REQUIRE_FALSE(refused.empty());
    CHECK(served >= 1);  // each request adds a few pages to the write-ahead log
    CHECK(contains(refused, R"(<queryResponseCode code="AE"/>)"));
    CHECK_FALSE(contains(refused, "Testsson"));
    CHECK(wait_for_log(*gateway.process, "audit.failed", std::chrono::seconds(5)));
    REQUIRE(gateway.process->is_running());

    // Room again: the same process serves and audits.
    REQUIRE(run_command({"/usr/bin/prlimit", "--pid", std::to_string(gateway.process->pid()),
                         "--fsize=unlimited:unlimited"})
                .exit_code == 0);
    CHECK(identifies_tolvan(gateway.port));
    CHECK(identifies_tolvan(gateway.port));
}
