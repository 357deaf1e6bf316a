// Faults around a running `ncpeh serve` (the reference national store and ncpeh as real
// processes on loopback): the audit storage broken by an operator, a crash in the middle of a
// dispensation, the national store down. Each asserts the behaviour written in its name.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <future>
#include <regex>
#include <string>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"
#include "tests/support/unwritable_file.hpp"

namespace http = boost::beast::http;
using namespace ncpeh::testing;
using namespace ncpeh::samples::foreign_ncp;
using ncpeh::gateway::audit::audit_event;
using ncpeh::gateway::audit::outcome;

namespace {

constexpr std::string_view xcpd_action =
    "urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery";
constexpr std::string_view xdr_action = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
constexpr std::string_view tolvan = "191212121212";  // seed patient with consent
constexpr std::string_view diklofenak = "5e020003-0000-4000-8000-000000000003";  // Tolvan's

std::string call(unsigned short port, std::string_view action, const caller_claims& claims,
                 const std::string& body,
                 std::string_view message_id = "urn:uuid:6d0f4c3e-0000-4000-8000-000000000001") {
    return call_ncp(port, action, claims, body, message_id).body();
}

std::vector<audit_event> audit_events(const std::filesystem::path& database) {
    auto trail = ncpeh::gateway::audit::sqlite_audit_trail::open(database);
    REQUIRE(trail.has_value());
    return (*trail)->newest(1000).value();
}

}  // namespace

TEST_CASE(
    "An audit database made unwritable under a running gateway: refusals, a log line, no "
    "crash, and recovery") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url()});
    REQUIRE(identifies_tolvan(gateway.port));
    // The shared-memory file whose immutability killed ncpeh with SIGBUS no longer exists.
    CHECK_FALSE(std::filesystem::exists(dir.path() / "ncpeh.db-shm"));

    for (const char* name : {"ncpeh.db-wal", "ncpeh.db"}) {
        INFO(name);
        {
            unwritable_file broken(dir.path() / name);
            const std::string body =
                call(gateway.port, xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
            CHECK(contains(body, R"(<queryResponseCode code="AE"/>)"));
            CHECK(contains(body, "an internal error occurred; try again later"));
            CHECK_FALSE(contains(body, "Testsson"));
            CHECK_FALSE(contains(body, "not writable"));  // the detail is for the log
            REQUIRE(gateway.process->is_running());
            const std::string log = gateway.process->log();
            CHECK(contains(log, R"("event":"audit.unavailable")"));
            CHECK(contains(log, "it is not writable"));
            CHECK(contains(log, R"("outcome":"failure","code":"internal")"));
            CHECK(contains(log, R"("audited":false)"));
        }
        CHECK(identifies_tolvan(gateway.port));
        CHECK(contains(gateway.process->log(), R"("event":"audit.available")"));
    }
}

TEST_CASE("An audit folder swapped for another is noticed, not written past") {
    temp_dir dir;
    const auto folder = dir.path() / "audit";
    std::filesystem::create_directory(folder);
    auto store = start_national_store(dir);
    auto gateway =
        start_gateway(dir, {.store_url = store.fhir_url(), .database = folder / "ncpeh.db"});
    REQUIRE(identifies_tolvan(gateway.port));
    std::filesystem::rename(folder, dir.path() / "audit.moved");
    std::filesystem::create_directory(folder);
    const std::string body =
        call(gateway.port, xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
    CHECK(contains(body, R"(<queryResponseCode code="AE"/>)"));
    CHECK(contains(gateway.process->log(), "it was moved away or deleted"));
    REQUIRE(gateway.process->is_running());
}

TEST_CASE("ncpeh refuses to start on an audit database it cannot write or that is in use") {
    temp_dir dir;
    auto store = start_national_store(dir);
    const gateway_options options{.store_url = store.fhir_url()};
    const auto config = dir.write("ncpeh.toml", gateway_configuration(dir, options));
    const std::vector<std::string> serve{NCPEH_EXECUTABLE, "serve", "--config", config.string()};
    SECTION("the database file is unwritable") {
        ncpeh::gateway::audit::sqlite_audit_trail::open(dir.path() / "ncpeh.db").value().reset();
        unwritable_file broken(dir.path() / "ncpeh.db");
        const auto refused = run_command(serve, std::chrono::seconds(30));
        CHECK(refused.exit_code != 0);
        CHECK(contains(refused.err, "cannot open the audit database"));
    }
    SECTION("another ncpeh already uses it") {
        auto first = start_gateway(dir, options);
        const auto refused = run_command(serve, std::chrono::seconds(30));
        CHECK(refused.exit_code != 0);
        CHECK(contains(refused.err, "cannot open the audit database"));
        CHECK(contains(refused.err, "locked"));
        CHECK(first.process->is_running());
    }
}

TEST_CASE(
    "A dispensation is audited as started before the national store is touched, so a "
    "crash after the store's write still leaves a row") {
    temp_dir dir;
    // The store applies each write, then holds its answer for 5 s: ncpeh dies meanwhile.
    auto store = start_national_store(dir, {"--write-delay-ms", "5000"});
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url(), .store_timeout_ms = 30000});
    const std::string message_id = "urn:uuid:6d0f4c3e-0000-4000-8000-00000000c4a5";
    auto pending = std::async(std::launch::async, [&] {
        try {
            return call(gateway.port, xdr_action, for_patient(tolvan),
                        xdr_body(partner_sources(), personnummer_cx(tolvan), diklofenak, "9101"),
                        message_id);
        } catch (const std::exception& e) {
            return std::string("no answer: ") + e.what();
        }
    });
    REQUIRE(wait_for_log(*store.process, "applied POST /fhir/MedicationDispense",
                         std::chrono::seconds(30)));
    ::kill(gateway.process->pid(), SIGKILL);
    CHECK(gateway.process->stop() == 128 + SIGKILL);
    CHECK(contains(pending.get(), "no answer"));

    const auto events = audit_events(dir.path() / "ncpeh.db");
    std::vector<const audit_event*> of_this;
    for (const auto& e : events) {
        if (e.message_id == message_id) {
            of_this.push_back(&e);
        }
    }
    REQUIRE(of_this.size() == 1);
    const audit_event& started = *of_this.front();
    CHECK(started.outcome == outcome::started);
    CHECK(started.transaction == "xdr-dispense");
    CHECK(started.partner_country == "FI");
    CHECK(started.patient_id == personnummer_cx(tolvan));
    CHECK(started.requester == "Testi Apteekkari");
    REQUIRE(started.document_ids.size() == 1);
    CHECK_FALSE(started.document_ids.front().empty());
}

TEST_CASE(
    "A completed dispensation has its started and its success rows; a refused one its "
    "started and failure rows") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url()});
    const std::string ok = "urn:uuid:6d0f4c3e-0000-4000-8000-00000000c4a6";
    CHECK(
        contains(call(gateway.port, xdr_action, for_patient(tolvan),
                      xdr_body(partner_sources(), personnummer_cx(tolvan), diklofenak, "9102"), ok),
                 "ResponseStatusType:Success"));
    gateway.process->stop();
    std::vector<outcome> seen;
    for (const auto& e : audit_events(dir.path() / "ncpeh.db")) {
        if (e.message_id == ok) {
            seen.push_back(e.outcome);
        }
    }
    CHECK(seen == std::vector<outcome>{outcome::success, outcome::started});  // newest first
}

TEST_CASE(
    "A national store that is down: partners get the code and a neutral text, the log the "
    "detail") {
    temp_dir dir;
    auto gateway = start_gateway(
        dir, {.store_url = "http://127.0.0.1:" + std::to_string(free_loopback_port()) + "/fhir",
              .store_timeout_ms = 500});
    const std::string body =
        call(gateway.port, xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
    CHECK(contains(body, R"(<queryResponseCode code="AE"/>)"));
    CHECK(contains(body, "the national prescription service is not available; try again later"));
    CHECK_FALSE(contains(body, "national store"));
    CHECK_FALSE(contains(body, "connect"));
    const std::string log = gateway.process->log();
    CHECK(contains(log, R"("code":"national_store_unreachable","detail":"cannot connect to the )"
                        R"(national store)"));
}

TEST_CASE("The stats line reports the replay cache, which holds each accepted assertion") {
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(
        dir, {.store_url = store.fhir_url(),
              .overrides = {{"max_request_bytes", "131072"}, {"stats_interval_s", "1"}}});
    for (int i = 0; i < 3; ++i) {
        REQUIRE(identifies_tolvan(gateway.port));
    }
    // Three requests with one fresh HCP assertion each: three entries, until they expire.
    REQUIRE(
        wait_for_log(*gateway.process, R"("replay_cache_entries":3)", std::chrono::seconds(10)));
    const std::string log = gateway.process->log();
    CHECK(contains(log, R"("event":"ncpeh.stats")"));
    CHECK(std::regex_search(log, std::regex(R"re("resident_bytes":[1-9]\d{6,})re")));
}
