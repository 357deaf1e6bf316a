#include "gateway/audit/sqlite_audit_trail.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "gateway/storage/sqlite_connection.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/unwritable_file.hpp"

namespace {

namespace net = boost::asio;
using namespace ncpeh::gateway::audit;
using outcomes = std::vector<std::optional<ncpeh::result<void>>>;

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
    e.requester_organisation = "Apteekki Esimerkki";
    e.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    e.document_ids = {"2.999.752.1.2.9^rx" + std::to_string(n) + ".L3"};
    if (n % 2 == 1) {
        e.outcome = outcome::failure;
        e.error_code = "4103";
        e.error_name = "national_store_unreachable";
    }
    return e;
}

// Every field, to compare a stored event with the one recorded.
std::string all_fields(const audit_event& e) {
    std::string out = std::to_string(e.at.time_since_epoch().count());
    for (const std::string& field :
         {e.transaction, e.partner_country, e.message_id, e.hcp_assertion_id, e.trc_assertion_id,
          e.requester, e.requester_role, e.requester_organisation, e.patient_id,
          std::string(name_of(e.outcome)), e.error_code, e.error_name}) {
        out += '|' + field;
    }
    for (const std::string& id : e.document_ids) {
        out += '|' + id;
    }
    return out;
}

ncpeh::result<void> record_now(sqlite_audit_trail& trail, audit_event event) {
    net::io_context io;
    auto done = net::co_spawn(io, trail.record(std::move(event)), net::use_future);
    io.run();
    return done.get();
}

net::awaitable<void> record_into(sqlite_audit_trail& trail, audit_event event,
                                 std::optional<ncpeh::result<void>>& outcome) {
    outcome = co_await trail.record(std::move(event));
}

// One coroutine per event in [first, first + count); each keeps how its record completed.
void spawn_records(net::io_context& io, sqlite_audit_trail& trail, int first, int count,
                   outcomes& out) {
    out.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        net::co_spawn(io,
                      record_into(trail, event_number(first + i), out[static_cast<std::size_t>(i)]),
                      net::detached);
    }
}

std::size_t succeeded(const outcomes& out) {
    std::size_t n = 0;
    for (const auto& o : out) {
        n += o && o->has_value() ? 1 : 0;
    }
    return n;
}

// A trail whose writes are held as by a long commit: records queue up until `release()`.
struct blocked_trail {
    ncpeh::testing::temp_dir dir;
    std::filesystem::path file = dir.path() / "audit.db";
    std::unique_ptr<sqlite_audit_trail> trail = sqlite_audit_trail::open(file).value();
    std::unique_lock<std::mutex> held = trail->hold_writes_for_test();

    void release() { held.unlock(); }
};

}  // namespace

TEST_CASE("audit events are stored in order and the log is checkpointed off the request path") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    auto trail = sqlite_audit_trail::open(file);
    REQUIRE(trail.has_value());
    const auto empty_size = std::filesystem::file_size(file);
    for (int n = 0; n < 400; ++n) {
        REQUIRE(record_now(**trail, event_number(n)).has_value());
    }
    const auto newest = (*trail)->newest(2).value();
    REQUIRE(newest.size() == 2);
    CHECK(all_fields(newest[0]) == all_fields(event_number(399)));
    CHECK(all_fields(newest[1]) == all_fields(event_number(398)));

    // SQLite's own checkpoints are off on the writing connection; the database file only grows
    // when the background checkpoint copies the log into it.
    auto grown = [&] { return std::filesystem::file_size(file) > empty_size + 16 * 1024; };
    for (int i = 0; i < 50 && !grown(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(grown());
}

TEST_CASE("events recorded by many coroutines on two threads are all stored, each once") {
    ncpeh::testing::temp_dir dir;
    auto trail = sqlite_audit_trail::open(dir.path() / "audit.db").value();
    net::io_context io(2);
    outcomes out;
    spawn_records(io, *trail, 0, 500, out);
    std::thread second([&io] { io.run(); });
    io.run();
    second.join();

    CHECK(succeeded(out) == 500);
    const auto stored = trail->newest(1000).value();
    REQUIRE(stored.size() == 500);
    std::set<std::string> seen;
    for (const audit_event& e : stored) {
        const int n = std::stoi(e.message_id.substr(std::string("urn:uuid:msg-").size()));
        CHECK(all_fields(e) == all_fields(event_number(n)));
        seen.insert(e.message_id);
    }
    CHECK(seen.size() == 500);
    CHECK(trail->commits() < 500);
}

TEST_CASE("records waiting together share one commit") {
    blocked_trail t;
    net::io_context io;
    outcomes out;
    spawn_records(io, *t.trail, 0, 200, out);
    io.poll();  // every coroutine is now waiting for its record
    t.release();
    io.run();

    CHECK(succeeded(out) == 200);
    CHECK(t.trail->newest(1000).value().size() == 200);
    // The first commit may take only the first event; the second takes all the others.
    CHECK(t.trail->commits() >= 1);
    CHECK(t.trail->commits() <= 2);
}

TEST_CASE("a transaction that fails fails every record in it") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    sqlite_audit_trail::open(file).value().reset();  // creates the table
    {
        ncpeh::gateway::storage::sqlite_connection other(file);
        other.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    }
    auto trail = sqlite_audit_trail::open(file).value();
    net::io_context io;
    outcomes out;
    spawn_records(io, *trail, 1, 50, out);
    io.run();
    for (const auto& o : out) {
        REQUIRE(o.has_value());
        REQUIRE_FALSE(o->has_value());
        CHECK(o->error().code == ncpeh::errc::internal);
        CHECK(o->error().message.find("the audit event could not be stored: ") == 0);
        CHECK(o->error().message.find("refused by the test") != std::string::npos);
    }
    CHECK(trail->newest(100).value().empty());
}

TEST_CASE("the database belongs to one process: no shared-memory file, a second opener refused") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    auto trail = sqlite_audit_trail::open(file).value();
    REQUIRE(record_now(*trail, event_number(0)).has_value());
    // No -shm file is mapped, so none can be made immutable or truncated under the process.
    CHECK(std::filesystem::exists(dir.path() / "audit.db-wal"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "audit.db-shm"));
    const auto second = sqlite_audit_trail::open(file);
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().code == ncpeh::errc::config_invalid);
    CHECK(second.error().message.find("locked") != std::string::npos);
}

TEST_CASE(
    "an unwritable log or database file fails the records with the reason; then it recovers") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    auto trail = sqlite_audit_trail::open(file).value();
    REQUIRE(record_now(*trail, event_number(0)).has_value());
    for (const char* name : {"audit.db-wal", "audit.db"}) {
        INFO(name);
        {
            ncpeh::testing::unwritable_file broken(dir.path() / name);
            const auto refused = record_now(*trail, event_number(1));
            REQUIRE_FALSE(refused.has_value());
            CHECK(refused.error().code == ncpeh::errc::internal);
            CHECK(refused.error().message.find("the audit event could not be stored: the "
                                               "database cannot be written: it is not writable") ==
                  0);
            CHECK(refused.error().context_value("file").empty());  // the path is for the log
        }
        REQUIRE(record_now(*trail, event_number(2)).has_value());
    }
    const auto stored = trail->newest(100).value();
    REQUIRE(stored.size() == 3);
    CHECK(stored[0].message_id == "urn:uuid:msg-2");
    CHECK(stored[2].message_id == "urn:uuid:msg-0");
}

TEST_CASE("a database moved away under the trail is noticed before the next write") {
    ncpeh::testing::temp_dir dir;
    const auto folder = dir.path() / "audit";
    std::filesystem::create_directory(folder);
    auto trail = sqlite_audit_trail::open(folder / "audit.db").value();
    REQUIRE(record_now(*trail, event_number(0)).has_value());
    std::filesystem::rename(folder, dir.path() / "audit.moved");
    const auto gone = record_now(*trail, event_number(1));
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().message.find("it was moved away or deleted") != std::string::npos);
    // An operator puts an empty folder in its place: still not the file in use.
    std::filesystem::create_directory(folder);
    std::filesystem::copy_file(dir.path() / "audit.moved" / "audit.db", folder / "audit.db");
    const auto replaced = record_now(*trail, event_number(2));
    REQUIRE_FALSE(replaced.has_value());
    CHECK(replaced.error().message.find("another file has taken its place") != std::string::npos);
}

TEST_CASE("destroying the trail stores the records still queued and completes them") {
    blocked_trail t;
    net::io_context io;
    outcomes out;
    spawn_records(io, *t.trail, 0, 100, out);
    io.poll();

    std::thread destroy([&t] { t.trail.reset(); });  // waits for the writer to drain
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    t.release();
    destroy.join();
    io.run();

    CHECK(succeeded(out) == 100);
    auto reopened = sqlite_audit_trail::open(t.file).value();
    CHECK(reopened->newest(1000).value().size() == 100);
}

TEST_CASE("an audit database that cannot be opened is a configuration error") {
    ncpeh::testing::temp_dir dir;
    const auto e = sqlite_audit_trail::open(dir.path() / "missing" / "audit.db").error();
    CHECK(e.code == ncpeh::errc::config_invalid);
    CHECK(e.message.find("cannot open the audit database") == 0);
}

TEST_CASE("an audit database of an older build is upgraded in place, its rows kept",
          "[audit-access]") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    {
        // The table as builds before requester_organisation wrote it, with one row.
        ncpeh::gateway::storage::sqlite_connection old(file);
        old.execute(
            "CREATE TABLE audit_event (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT "
            "NULL, transaction_name TEXT NOT NULL, partner_country TEXT NOT NULL, message_id TEXT "
            "NOT NULL, hcp_assertion_id TEXT NOT NULL, trc_assertion_id TEXT NOT NULL, requester "
            "TEXT NOT NULL, requester_role TEXT NOT NULL, patient_id TEXT NOT NULL, document_ids "
            "TEXT NOT NULL, outcome TEXT NOT NULL, error_code TEXT NOT NULL, error_name TEXT NOT "
            "NULL);"
            "INSERT INTO audit_event VALUES (NULL, 1795000000000, 'xca-list', 'FI', "
            "'urn:uuid:old', "
            "'_hcp', '_trc', 'fictional pharmacist', '2262', "
            "'191212121212^^^&1.2.752.129.2.1.3.1&ISO', '', 'success', '', '')");
    }
    for (int opening = 0; opening < 2; ++opening) {  // the second opening finds nothing to do
        INFO("opening " << opening);
        auto trail = sqlite_audit_trail::open(file);
        REQUIRE(trail.has_value());
        REQUIRE(record_now(**trail, event_number(2 + opening)).has_value());
        const auto stored = (*trail)->newest(10).value();
        REQUIRE(stored.size() == static_cast<std::size_t>(2 + opening));
        CHECK(stored.front().requester_organisation == "Apteekki Esimerkki");
        CHECK(stored.back().message_id == "urn:uuid:old");
        CHECK(stored.back().requester_organisation.empty());
        CHECK(stored.back().requester == "fictional pharmacist");
    }
}
