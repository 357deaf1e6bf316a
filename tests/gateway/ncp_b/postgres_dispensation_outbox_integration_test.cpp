// The dispensation outbox on a real PostgreSQL server (tests/support/postgres_server.hpp): the
// shared outbox tests, then what only several instances on one database show: concurrent claims,
// SKIP LOCKED, a lease taken over from a dead holder, a database restart.
#include "gateway/ncp_b/postgres_dispensation_outbox.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/ncp_b/open_dispensation_outbox.hpp"
#include "gateway/storage/postgres_migrations.hpp"
#include "gateway/storage/postgres_schema.hpp"
#include "tests/gateway/ncp_b/outbox_contract.hpp"
#include "tests/gateway/ncp_b/outbox_test_support.hpp"
#include "tests/support/postgres_server.hpp"

namespace {

namespace storage = ncpeh::gateway::storage;
using namespace ncpeh::gateway::ncp_b;
using ncpeh::errc;
using ncpeh::testing::outbox_entry_number;
using ncpeh::testing::outbox_pharmacy;
using ncpeh::testing::outbox_t0;
using ncpeh::testing::postgres_server;
using ncpeh::testing::run_now;
using ncpeh::testing::temp_dir;
using namespace std::chrono_literals;

storage::postgres_pool_settings pool_settings_for(const postgres_server& server,
                                                  std::size_t connections = 2) {
    storage::postgres_pool_settings s;
    s.connection.url = server.url();
    s.connection.password = server.password();
    s.connection.connect_timeout = std::chrono::seconds(3);
    s.connections = connections;
    s.queue_timeout = std::chrono::milliseconds(5000);
    s.reconnect_pause = std::chrono::milliseconds(200);
    return s;
}

// A server with the schema of this build: what `ncpeh serve` or `ncpeh migrate` leaves.
struct migrated_server {
    temp_dir dir;
    postgres_server server{dir};

    migrated_server() {
        storage::postgres_settings s = pool_settings_for(server).connection;
        storage::postgres_connection db(s);
        REQUIRE(storage::apply_migrations(db, storage::postgres_schema()).has_value());
    }
};

// One ncpeh instance: its pool of connections and its outbox on it.
struct instance {
    std::unique_ptr<storage::postgres_pool> pool;
    std::unique_ptr<postgres_dispensation_outbox> outbox;

    instance(const postgres_server& server, std::size_t connections = 2)
        : pool(std::make_unique<storage::postgres_pool>(pool_settings_for(server, connections))),
          outbox(std::make_unique<postgres_dispensation_outbox>(*pool)) {}
};

// Each fresh outbox on an emptied table with a pool of its own; another one has its own pool,
// as another instance has.
class postgres_outbox_factory final : public ncpeh::testing::outbox_factory {
  public:
    explicit postgres_outbox_factory(const postgres_server& server) : server_(server) {}

    std::unique_ptr<dispensation_outbox> fresh() override {
        pools_.clear();  // the outboxes of the previous test are gone
        server_.superuser_sql("TRUNCATE ncpeh_dispensation_outbox");
        return another();
    }
    std::unique_ptr<dispensation_outbox> another() override {
        pools_.push_back(std::make_unique<storage::postgres_pool>(pool_settings_for(server_)));
        return std::make_unique<postgres_dispensation_outbox>(*pools_.back());
    }

  private:
    const postgres_server& server_;
    std::vector<std::unique_ptr<storage::postgres_pool>> pools_;
};

outbox_record enqueue_now(dispensation_outbox& outbox, outbox_entry entry,
                          outbox_time at = outbox_t0()) {
    auto stored = run_now(outbox.enqueue(std::move(entry), at));
    REQUIRE(stored.has_value());
    return stored->record;
}

}  // namespace

TEST_CASE("the PostgreSQL outbox passes the shared outbox tests", "[outbox][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    postgres_outbox_factory make(db.server);
    ncpeh::testing::check_outbox_contract(make);
}

TEST_CASE("open_dispensation_outbox chooses PostgreSQL for a postgresql:// URL",
          "[outbox][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    storage::postgres_pool pool(pool_settings_for(db.server));
    auto outbox = open_dispensation_outbox(db.server.url(), &pool);
    REQUIRE(outbox.has_value());
    CHECK(dynamic_cast<postgres_dispensation_outbox*>(outbox->get()) != nullptr);
    const std::string id = enqueue_now(**outbox, outbox_entry_number(1)).id;
    CHECK(db.server.superuser_sql("SELECT dispatch_id || ' ' || status FROM "
                                  "ncpeh_dispensation_outbox WHERE id = '" +
                                  id + "'") == "A-1 queued");
}

TEST_CASE("instances claiming at once from several threads each get other records",
          "[outbox][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    constexpr int records = 400;
    constexpr int instances = 3;
    std::vector<std::unique_ptr<instance>> running;
    for (int i = 0; i < instances; ++i) {
        running.push_back(std::make_unique<instance>(db.server, 3));
    }
    {
        boost::asio::io_context io;
        int stored = 0;
        for (int n = 0; n < records; ++n) {
            boost::asio::co_spawn(io,
                                  running[static_cast<std::size_t>(n % instances)]->outbox->enqueue(
                                      outbox_entry_number(n), outbox_t0()),
                                  [&stored](std::exception_ptr, ncpeh::result<enqueued> r) {
                                      stored += r.has_value() ? 1 : 0;
                                  });
        }
        io.run();
        REQUIRE(stored == records);
    }
    // Each instance has three claims in flight at a time on its three connections.
    std::vector<std::vector<std::string>> claimed_by(instances);
    std::vector<std::string> failures(instances);
    std::vector<std::thread> threads;
    for (int i = 0; i < instances; ++i) {
        threads.emplace_back([&, i] {
            auto& outbox = *running[static_cast<std::size_t>(i)]->outbox;
            auto& mine = claimed_by[static_cast<std::size_t>(i)];
            for (;;) {
                boost::asio::io_context io;
                int empty = 0;
                for (int k = 0; k < 3; ++k) {
                    boost::asio::co_spawn(
                        io, outbox.claim_due(outbox_t0() + 1s, 5, 1h, {}),
                        [&](std::exception_ptr, ncpeh::result<std::vector<outbox_record>> r) {
                            if (!r) {
                                failures[static_cast<std::size_t>(i)] = r.error().describe();
                                ++empty;
                                return;
                            }
                            empty += r->empty() ? 1 : 0;
                            for (const outbox_record& record : *r) {
                                mine.push_back(record.id);
                            }
                        });
                }
                io.run();
                if (empty == 3) {
                    return;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    std::multiset<std::string> all;
    for (int i = 0; i < instances; ++i) {
        CHECK(failures[static_cast<std::size_t>(i)].empty());
        all.insert(claimed_by[static_cast<std::size_t>(i)].begin(),
                   claimed_by[static_cast<std::size_t>(i)].end());
    }
    CHECK(all.size() == records);
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == records);  // none twice
    CHECK(db.server.superuser_sql("SELECT count(*) FROM ncpeh_dispensation_outbox "
                                  "WHERE status = 'delivering' AND attempts = 1") ==
          std::to_string(records));
}

TEST_CASE("a record locked by another transaction is skipped, not waited for",
          "[outbox][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    instance a(db.server);
    const std::string first = enqueue_now(*a.outbox, outbox_entry_number(1)).id;
    const std::string second = enqueue_now(*a.outbox, outbox_entry_number(2)).id;
    // Another instance is in the middle of claiming the first record.
    storage::postgres_connection other(pool_settings_for(db.server).connection);
    storage::postgres_transaction holding(other);
    other.execute("SELECT id FROM ncpeh_dispensation_outbox WHERE id = $1 FOR UPDATE", {first});

    auto claimed = run_now(a.outbox->claim_due(outbox_t0(), 10, 60s, {}));
    REQUIRE(claimed.has_value());
    REQUIRE(claimed->size() == 1);
    CHECK(claimed->front().id == second);
    CHECK_FALSE(run_now(a.outbox->claim(first, outbox_t0(), 60s)).value().has_value());
    holding.commit();
    const auto now_free = run_now(a.outbox->claim(first, outbox_t0(), 60s)).value();
    REQUIRE(now_free.has_value());
    CHECK(now_free->id == first);
}

TEST_CASE("a claim whose holder died is taken over by another instance when its lease ends",
          "[outbox][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    instance a(db.server);
    instance b(db.server);
    const std::string id = enqueue_now(*a.outbox, outbox_entry_number(1)).id;
    const auto held = run_now(a.outbox->claim_due(outbox_t0(), 10, 60s, {})).value();
    REQUIRE(held.size() == 1);
    CHECK(held[0].attempts == 1);

    // While the lease lasts, the other instance gets nothing, not even by its id.
    CHECK(run_now(b.outbox->claim_due(outbox_t0() + 59s, 10, 60s, {})).value().empty());
    CHECK_FALSE(run_now(b.outbox->claim(id, outbox_t0() + 59s, 60s)).value().has_value());

    // A dies (its pool closes: its connections are gone); once the lease is over, B takes over.
    a.outbox.reset();
    a.pool.reset();
    const auto taken = run_now(b.outbox->claim_due(outbox_t0() + 60s, 10, 60s, {})).value();
    REQUIRE(taken.size() == 1);
    CHECK(taken[0].id == id);
    CHECK(taken[0].attempts == 2);
    CHECK(taken[0].next_attempt_at == outbox_t0() + 120s);

    // Had A only been slow, its outcome of attempt 1 changes nothing now; B's counts.
    instance late(db.server);
    CHECK_FALSE(
        run_now(late.outbox->mark_retry(id, 1, {"foreign_ncp_timeout", "late"}, outbox_t0() + 90s))
            .value());
    CHECK_FALSE(run_now(late.outbox->mark_failed(id, 1, {"foreign_ncp_refused", "late"})).value());
    REQUIRE(run_now(b.outbox->mark_delivered(id, outbox_t0() + 61s)).value());
    const auto done = run_now(late.outbox->find(id, outbox_pharmacy)).value();
    CHECK(done.status == outbox_status::delivered);
    CHECK(done.attempts == 2);
    CHECK_FALSE(done.last_error.has_value());
}

TEST_CASE("while the database restarts the outbox fails with storage_unavailable, then works",
          "[outbox][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    instance a(db.server);
    const std::string id = enqueue_now(*a.outbox, outbox_entry_number(1)).id;

    db.server.stop();
    auto enqueue_down = run_now(a.outbox->enqueue(outbox_entry_number(2), outbox_t0()));
    REQUIRE_FALSE(enqueue_down.has_value());
    CHECK(enqueue_down.error().code == errc::storage_unavailable);
    CHECK(enqueue_down.error().context_value("database") == db.server.url());
    auto claim_down = run_now(a.outbox->claim_due(outbox_t0(), 10, 60s, {}));
    REQUIRE_FALSE(claim_down.has_value());
    CHECK(claim_down.error().code == errc::storage_unavailable);
    auto find_down = run_now(a.outbox->find(id, outbox_pharmacy));
    REQUIRE_FALSE(find_down.has_value());
    CHECK(find_down.error().code == errc::storage_unavailable);
    auto counts_down = run_now(a.outbox->counts(outbox_t0()));
    REQUIRE_FALSE(counts_down.has_value());
    CHECK(counts_down.error().code == errc::storage_unavailable);

    db.server.start();
    // The pool asks the database again once its reconnect pause (200 ms here) is over.
    ncpeh::result<enqueued> back = ncpeh::make_error(errc::internal, "not tried");
    for (int tries = 0; tries < 100 && !back.has_value(); ++tries) {
        back = run_now(a.outbox->enqueue(outbox_entry_number(2), outbox_t0()));
        if (!back.has_value()) {
            CHECK(back.error().code == errc::storage_unavailable);
            std::this_thread::sleep_for(50ms);
        }
    }
    REQUIRE(back.has_value());
    CHECK_FALSE(back->replayed);  // the failed attempt while it was away stored nothing
    const auto due = run_now(a.outbox->claim_due(outbox_t0(), 10, 60s, {})).value();
    CHECK(due.size() == 2);
    CHECK(run_now(a.outbox->find(id, outbox_pharmacy)).value().status == outbox_status::delivering);

    // Restarted between two operations (the idle connections closed): the pool opens new ones.
    db.server.restart();
    ncpeh::result<outbox_counts> counted = ncpeh::make_error(errc::internal, "not tried");
    for (int tries = 0; tries < 100 && !counted.has_value(); ++tries) {
        counted = run_now(a.outbox->counts(outbox_t0()));
        if (!counted.has_value()) {
            std::this_thread::sleep_for(50ms);
        }
    }
    REQUIRE(counted.has_value());
    CHECK(counted->delivering == 2);
}
