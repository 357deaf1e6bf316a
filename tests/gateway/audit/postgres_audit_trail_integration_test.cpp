// The audit trail and ATNA spool on a real PostgreSQL (tests/support/postgres_server.hpp): the
// shared suite of tests/gateway/support/audit_trail_suite.hpp (audit_trail_test.cpp runs it on
// SQLite), then what only a shared database has: the database going away and coming back, two
// instances writing one trail, and the ATNA export shared between instances.
#include "gateway/audit/postgres_audit_trail.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "gateway/audit/atna_export.hpp"
#include "gateway/audit/open_audit_trail.hpp"
#include "gateway/audit/syslog_frame.hpp"
#include "gateway/net/tls_context.hpp"
#include "gateway/storage/postgres_schema.hpp"
#include "tests/gateway/support/audit_trail_suite.hpp"
#include "tests/gateway/support/rsyslog_receiver.hpp"
#include "tests/support/postgres_server.hpp"

namespace {

namespace net = boost::asio;
namespace storage = ncpeh::gateway::storage;
using namespace ncpeh::gateway::audit;
using ncpeh::testing::postgres_server;
using ncpeh::testing::temp_dir;

storage::postgres_pool_settings pool_settings_for(const postgres_server& server) {
    storage::postgres_pool_settings s;
    s.connection.url = server.url();
    s.connection.password = server.password();
    s.connection.connect_timeout = std::chrono::seconds(3);
    s.connections = 3;
    s.queue_limit = 1024;  // the suite records 300 events at once
    s.queue_timeout = std::chrono::milliseconds(3000);
    s.reconnect_pause = std::chrono::milliseconds(100);
    return s;
}

// A fresh PostgreSQL cluster, migrated, with one pool (an instance); `open` makes trails on it.
class postgres_backend final : public ncpeh::testing::audit_trail_backend {
  public:
    postgres_backend() : server(dir) {
        storage::postgres_connection db(pool_settings_for(server).connection);
        REQUIRE(storage::apply_migrations(db, storage::postgres_schema()).has_value());
        pool = std::make_unique<storage::postgres_pool>(pool_settings_for(server));
    }

    std::unique_ptr<spooling_audit_trail> open(const std::string& instance) override {
        return open_on(*pool, instance);
    }

    static std::unique_ptr<postgres_audit_trail> open_on(
        storage::postgres_pool& on, const std::string& instance,
        std::chrono::milliseconds lease = std::chrono::seconds(30)) {
        postgres_audit_settings settings;
        settings.instance = instance;
        settings.exporter_lease = lease;
        settings.probe_interval = std::chrono::milliseconds(100);
        return std::make_unique<postgres_audit_trail>(on, settings);
    }

    temp_dir dir;
    postgres_server server;
    std::unique_ptr<storage::postgres_pool> pool;
};

ncpeh::result<void> record_now(audit_trail& trail, audit_event event) {
    net::io_context io;
    auto done = net::co_spawn(io, trail.record(std::move(event)), net::use_future);
    io.run();
    return done.get();
}

audit_event event_called(std::string message_id, int ms = 0) {
    audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'000 + ms));
    e.transaction = "xca-list";
    e.partner_country = "FI";
    e.message_id = std::move(message_id);
    e.requester = "fictional pharmacist";
    e.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    return e;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> messages_of(const std::vector<spooled_message>& spooled) {
    std::vector<std::string> out;
    for (const auto& m : spooled) {
        out.push_back(m.message);
    }
    return out;
}

// Retries `attempt` every 100 ms until it returns true, at most `tries` times.
template <class Attempt>
bool eventually(Attempt attempt, int tries = 100) {
    for (int i = 0; i < tries; ++i) {
        if (attempt()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

}  // namespace

#define POSTGRES_SUITE_CASE(name, check)                                       \
    TEST_CASE("audit trail on PostgreSQL: " name, "[audit-trail][postgres]") { \
        if (ncpeh::testing::skip_without_postgres()) {                         \
            return;                                                            \
        }                                                                      \
        postgres_backend backend;                                              \
        ncpeh::testing::check(backend);                                        \
    }

POSTGRES_SUITE_CASE("records then newest, in order, every field kept", check_records_in_order)
POSTGRES_SUITE_CASE("concurrent records are all stored, each once", check_concurrent_records)
POSTGRES_SUITE_CASE("started, success and failure are kept", check_outcomes_kept)
POSTGRES_SUITE_CASE("transactions counted by month and country (KPIs)", check_transaction_counts)
POSTGRES_SUITE_CASE("a patient's access log, paged", check_patient_access)
POSTGRES_SUITE_CASE("rows of one millisecond page in order; started rows",
                    check_patient_access_same_millisecond)
POSTGRES_SUITE_CASE("ATNA messages spooled with their events, kept across a reopen",
                    check_spool_written_with_events)
POSTGRES_SUITE_CASE("spool delivery clears what was sent, in order", check_spool_delivery)
POSTGRES_SUITE_CASE("an event whose messages cannot be made is not stored",
                    check_spool_fails_with_event)

TEST_CASE("audit trail on PostgreSQL: records fail while the database is away, then work again",
          "[audit-trail][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    postgres_backend backend;
    auto trail = backend.open("instance-a");
    REQUIRE(record_now(*trail, event_called("urn:uuid:before")).has_value());
    CHECK(trail->check_writable().has_value());

    backend.server.stop();
    const auto refused = record_now(*trail, event_called("urn:uuid:while-away"));
    REQUIRE_FALSE(refused.has_value());
    // The caller fails the transaction: no unaudited answer.
    CHECK(refused.error().code == ncpeh::errc::internal);
    CHECK(refused.error().message.find("the audit event could not be stored: ") == 0);
    CHECK(refused.error().message.find(backend.server.password()) == std::string::npos);
    const auto unwritable = trail->check_writable();
    REQUIRE_FALSE(unwritable.has_value());
    CHECK(unwritable.error().code == ncpeh::errc::internal);
    const auto unread = trail->newest(10);
    REQUIRE_FALSE(unread.has_value());
    CHECK(unread.error().message.find("the audit trail could not be read: ") == 0);
    CHECK_FALSE(trail->backlog().has_value());

    backend.server.start();
    // The pool reconnects by itself: no new trail, no new pool.
    CHECK(
        eventually([&] { return record_now(*trail, event_called("urn:uuid:after")).has_value(); }));
    CHECK(trail->check_writable().has_value());
    const auto stored = trail->newest(10).value();
    std::vector<std::string> ids;
    for (const auto& e : stored) {
        ids.push_back(e.message_id);
    }
    REQUIRE_FALSE(ids.empty());
    CHECK(ids.front() == "urn:uuid:after");
    CHECK(ids.back() == "urn:uuid:before");
    CHECK(std::find(ids.begin(), ids.end(), "urn:uuid:while-away") == ids.end());
}

TEST_CASE("audit trail on PostgreSQL: readiness notices the database going and coming back",
          "[audit-trail][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    postgres_backend backend;
    auto trail = backend.open("instance-a");
    CHECK(eventually([&] { return trail->check_writable().has_value(); }));
    backend.server.stop();
    // Nothing is written: the probe finds out.
    CHECK(eventually([&] { return !trail->check_writable().has_value(); }));
    backend.server.start();
    CHECK(eventually([&] { return trail->check_writable().has_value(); }));
    // A role that may not insert (the table given to another owner): not writable, with the reason.
    backend.server.superuser_sql("ALTER TABLE ncpeh_audit_event OWNER TO postgres");
    const bool refused = eventually([&] {
        const auto checked = trail->check_writable();
        return !checked && checked.error().message.find("INSERT privilege") != std::string::npos;
    });
    CHECK(refused);
}

TEST_CASE("audit trail on PostgreSQL: two instances write one trail, in order per instance",
          "[audit-trail][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    postgres_backend backend;
    // Two instances: a pool and a trail each, on one database.
    storage::postgres_pool second_pool(pool_settings_for(backend.server));
    auto a = postgres_backend::open_on(*backend.pool, "host-a/100");
    auto b = postgres_backend::open_on(second_pool, "host-b/200");
    constexpr int per_instance = 60;
    auto one_after_another = [](postgres_audit_trail& trail, std::string prefix,
                                int& stored) -> net::awaitable<void> {
        for (int i = 0; i < per_instance; ++i) {
            audit_event event = event_called(prefix + std::to_string(i), i);
            if ((co_await trail.record(std::move(event))).has_value()) {
                ++stored;
            }
        }
    };
    int stored_a = 0;
    int stored_b = 0;
    {
        net::io_context io_a;
        net::io_context io_b;
        net::co_spawn(io_a, one_after_another(*a, "a-", stored_a), net::detached);
        net::co_spawn(io_b, one_after_another(*b, "b-", stored_b), net::detached);
        std::thread other([&io_b] { io_b.run(); });
        io_a.run();
        other.join();
    }
    CHECK(stored_a == per_instance);
    CHECK(stored_b == per_instance);
    // Either instance reads the whole trail.
    CHECK(a->newest(1000).value().size() == 2 * per_instance);
    CHECK(b->newest(1000).value().size() == 2 * per_instance);

    const auto rows = lines_of(backend.server.superuser_sql(
        "SELECT instance || ' ' || message_id FROM ncpeh_audit_event ORDER BY seq"));
    REQUIRE(rows.size() == 2 * per_instance);
    std::map<std::string, std::vector<int>> order;
    for (const std::string& row : rows) {
        const auto space = row.find(' ');
        REQUIRE(space != std::string::npos);
        const std::string instance = row.substr(0, space);
        const std::string id = row.substr(space + 1);
        CHECK(instance == (id.starts_with("a-") ? "host-a/100" : "host-b/200"));
        order[instance].push_back(std::stoi(id.substr(2)));
    }
    for (const auto& [instance, numbers] : order) {
        INFO(instance);
        REQUIRE(numbers.size() == per_instance);
        for (int i = 0; i < per_instance; ++i) {
            CHECK(numbers[static_cast<std::size_t>(i)] == i);
        }
    }
}

TEST_CASE("audit trail on PostgreSQL: one instance at a time exports the spool of all",
          "[audit-trail][postgres][atna]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    postgres_backend backend;
    storage::postgres_pool second_pool(pool_settings_for(backend.server));
    const auto lease = std::chrono::milliseconds(300);
    auto a = postgres_backend::open_on(*backend.pool, "host-a/100", lease);
    auto b = postgres_backend::open_on(second_pool, "host-b/200", lease);
    const atna_renderer one_each = [](const audit_event& e) {
        return std::vector<std::string>{e.message_id};
    };
    a->spool_for_atna(one_each, [] {});
    b->spool_for_atna(one_each, [] {});
    REQUIRE(record_now(*a, event_called("a-1")).has_value());
    REQUIRE(record_now(*b, event_called("b-1")).has_value());
    REQUIRE(record_now(*a, event_called("a-2")).has_value());

    // The first to ask exports the messages of both; the other gets none meanwhile.
    const auto batch = a->undelivered(100).value();
    CHECK(messages_of(batch) == std::vector<std::string>{"a-1", "b-1", "a-2"});
    CHECK(b->undelivered(100).value().empty());
    CHECK(b->backlog().value().messages == 3);  // counting is for everybody
    REQUIRE(a->mark_delivered(batch.back().seq).has_value());
    CHECK(b->backlog().value().messages == 0);
    CHECK(backend.server.superuser_sql("SELECT instance FROM ncpeh_atna_exporter") == "host-a/100");

    // The exporter stops asking (it died): once its lease has passed, the other takes over.
    REQUIRE(record_now(*b, event_called("b-2")).has_value());
    std::vector<spooled_message> taken_over;
    CHECK(eventually([&] {
        taken_over = b->undelivered(100).value();
        return !taken_over.empty();
    }));
    CHECK(messages_of(taken_over) == std::vector<std::string>{"b-2"});
    CHECK(backend.server.superuser_sql("SELECT instance FROM ncpeh_atna_exporter") == "host-b/200");
    CHECK(a->undelivered(100).value().empty());
    // Marking what it was not handed removes nothing.
    REQUIRE(a->mark_delivered(taken_over.back().seq).has_value());
    CHECK(b->backlog().value().messages == 1);
    REQUIRE(b->mark_delivered(taken_over.back().seq).has_value());
    CHECK(b->backlog().value().messages == 0);
    a->spool_for_atna({}, {});
    b->spool_for_atna({}, {});
}

TEST_CASE("audit trail on PostgreSQL: a message committed late is not cleared unseen",
          "[audit-trail][postgres][atna]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    postgres_backend backend;
    auto trail = postgres_backend::open_on(*backend.pool, "host-a/100");
    trail->spool_for_atna(
        [](const audit_event& e) { return std::vector<std::string>{e.message_id}; }, [] {});
    // Another instance's transaction takes a lower seq and commits after ours.
    storage::postgres_connection other(pool_settings_for(backend.server).connection);
    other.execute("BEGIN");
    other.execute(
        "INSERT INTO ncpeh_atna_spool (instance, at_ms, message) VALUES ('host-b/200', 1, 'late')");
    REQUIRE(record_now(*trail, event_called("early")).has_value());
    const auto batch = trail->undelivered(100).value();
    REQUIRE(messages_of(batch) == std::vector<std::string>{"early"});
    REQUIRE(trail->mark_delivered(batch.back().seq).has_value());
    other.execute("COMMIT");
    const auto late = trail->undelivered(100).value();
    CHECK(messages_of(late) == std::vector<std::string>{"late"});
    REQUIRE_FALSE(late.empty());
    CHECK(late.front().seq < batch.back().seq);
    trail->spool_for_atna({}, {});
}

TEST_CASE("audit trail on PostgreSQL: two exporting instances deliver each message once",
          "[audit-trail][postgres][atna]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    postgres_backend backend;
    storage::postgres_pool second_pool(pool_settings_for(backend.server));
    auto a = postgres_backend::open_on(*backend.pool, "host-a/100", std::chrono::seconds(2));
    auto b = postgres_backend::open_on(second_pool, "host-b/200", std::chrono::seconds(2));

    // A real ATNA repository (rsyslogd, RFC 5425 with client certificates).
    temp_dir syslog_dir;
    const unsigned short syslog_port = ncpeh::testing::free_loopback_port();
    ncpeh::testing::rsyslog_receiver repository(syslog_dir, syslog_port);
    repository.start();
    const auto pki = ncpeh::testing::source_dir() / "samples/pki/generated";
    auto tls = ncpeh::gateway::net::make_client_tls_context(
        {{pki / "se-audit-client.pem", pki / "se-audit-client.key", std::nullopt},
         pki / "trust-audit-repository.pem",
         {}});
    REQUIRE(tls.has_value());
    atna_export_settings settings;
    settings.host = "127.0.0.1";
    settings.port = syslog_port;
    settings.first_retry = std::chrono::milliseconds(100);
    settings.max_retry = std::chrono::milliseconds(400);

    net::io_context io;
    auto guard = net::make_work_guard(io);
    atna_exporter export_a(io.get_executor(), *a, **tls, settings);
    atna_exporter export_b(io.get_executor(), *b, **tls, settings);
    const atna_renderer render = [](const audit_event& e) {
        return std::vector<std::string>{syslog_message({"ncp.se.localhost", "ncpeh", "1"},
                                                       syslog_header::notice, e.at,
                                                       "<event>" + e.message_id + "</event>")};
    };
    a->spool_for_atna(render, [&export_a] { export_a.wake(); });
    b->spool_for_atna(render, [&export_b] { export_b.wake(); });
    export_a.start();
    export_b.start();
    std::thread runner([&io] { io.run(); });

    constexpr int per_instance = 15;
    for (int i = 0; i < per_instance; ++i) {
        for (auto* trail : {a.get(), b.get()}) {
            const std::string id = (trail == a.get() ? "a-" : "b-") + std::to_string(i);
            auto done = net::co_spawn(io, trail->record(event_called(id, i)), net::use_future);
            REQUIRE(done.get().has_value());
        }
    }
    // Every message arrives (those of the instance without the lease at its holder's next
    // look at the spool); then a little longer, for any duplicate to show.
    CHECK(repository.wait_for(2 * per_instance) == 2 * per_instance);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            co_await export_a.stop();
            co_await export_b.stop();
        },
        net::use_future)
        .get();
    a->spool_for_atna({}, {});
    b->spool_for_atna({}, {});
    guard.reset();
    runner.join();
    repository.stop();

    std::map<std::string, int> arrived;
    for (const auto& m : repository.received()) {
        const auto open = m.msg.find("<event>");
        const auto close = m.msg.find("</event>");
        REQUIRE(open != std::string::npos);
        REQUIRE(close != std::string::npos);
        ++arrived[m.msg.substr(open + 7, close - open - 7)];
    }
    CHECK(arrived.size() == 2 * per_instance);
    for (const auto& [id, times] : arrived) {
        INFO(id);
        CHECK(times == 1);
    }
    CHECK(a->backlog().value().messages == 0);
    CHECK(export_a.state().delivered + export_b.state().delivered == 2 * per_instance);
}
