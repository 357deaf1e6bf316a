#include "gateway/audit/sqlite_audit_trail.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/support/test_files.hpp"

namespace {

using namespace ncpeh::gateway::audit;

audit_event event_number(int n) {
    audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'000 + n));
    e.transaction = "xca-retrieve";
    e.partner_country = "FI";
    e.message_id = "urn:uuid:msg-" + std::to_string(n);
    e.hcp_assertion_id = "_hcp";
    e.trc_assertion_id = "_trc";
    e.requester = "fictional pharmacist";
    e.requester_role = "2262";
    e.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    e.document_ids = {"2.999.752.1.2.9^rx" + std::to_string(n) + ".L3"};
    if (n % 2 == 1) {
        e.outcome = outcome::failure;
        e.error_code = "4103";
        e.error_name = "national_store_unreachable";
    }
    return e;
}

}  // namespace

TEST_CASE("audit events are stored in order and the log is checkpointed off the request path") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    auto trail = sqlite_audit_trail::open(file);
    REQUIRE(trail.has_value());
    const auto empty_size = std::filesystem::file_size(file);
    for (int n = 0; n < 400; ++n) {
        REQUIRE((*trail)->record(event_number(n)).has_value());
    }
    const auto newest = (*trail)->newest(2).value();
    REQUIRE(newest.size() == 2);
    CHECK(newest[0].message_id == "urn:uuid:msg-399");
    CHECK(newest[0].outcome == outcome::failure);
    CHECK(newest[0].error_code == "4103");
    CHECK(newest[1].message_id == "urn:uuid:msg-398");
    CHECK(newest[1].outcome == outcome::success);
    CHECK(newest[1].document_ids == std::vector<std::string>{"2.999.752.1.2.9^rx398.L3"});

    // SQLite's own checkpoints are off on the writing connection; the database file only grows
    // when the background checkpoint copies the log into it.
    auto grown = [&] { return std::filesystem::file_size(file) > empty_size + 16 * 1024; };
    for (int i = 0; i < 50 && !grown(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(grown());
}

TEST_CASE("an audit database that cannot be opened is a configuration error") {
    ncpeh::testing::temp_dir dir;
    const auto e = sqlite_audit_trail::open(dir.path() / "missing" / "audit.db").error();
    CHECK(e.code == ncpeh::errc::config_invalid);
    CHECK(e.message.find("cannot open the audit database") == 0);
}
