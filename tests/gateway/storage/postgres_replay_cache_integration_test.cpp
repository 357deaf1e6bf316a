// The replay caches: one suite run against every implementation of trust::saml::replay_cache
// (in memory, and on a real PostgreSQL server), then what only the shared one does: several
// instances on one database, purging, failing closed.
#include "gateway/storage/postgres_replay_cache.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <latch>
#include <optional>
#include <thread>
#include <vector>

#include "gateway/storage/postgres_migrations.hpp"
#include "gateway/storage/postgres_schema.hpp"
#include "tests/support/postgres_server.hpp"
#include "trust/saml/in_memory_replay_cache.hpp"

namespace storage = ncpeh::gateway::storage;
namespace saml = ncpeh::trust::saml;
using namespace std::chrono_literals;
using ncpeh::errc;
using ncpeh::testing::postgres_server;
using ncpeh::testing::temp_dir;

namespace {

const auto t0 = std::chrono::system_clock::time_point{} + 500'000h;  // in 2027

storage::postgres_pool_settings pool_settings_for(const postgres_server& server) {
    storage::postgres_pool_settings s;
    s.connection.url = server.url();
    s.connection.password = server.password();
    s.connection.connect_timeout = 3s;
    s.connections = 4;
    s.reconnect_pause = 200ms;
    return s;
}

// A PostgreSQL server with ncpeh's schema.
struct migrated_server {
    temp_dir dir;
    postgres_server server{dir};
    migrated_server() {
        storage::postgres_settings s = pool_settings_for(server).connection;
        storage::postgres_connection db(s);
        REQUIRE(storage::apply_migrations(db, storage::postgres_schema()).has_value());
    }
};

struct in_memory {
    bool skipped = false;
    saml::in_memory_replay_cache cache{2};
    saml::replay_cache& get() { return cache; }
};

struct on_postgres {
    bool skipped = ncpeh::testing::skip_without_postgres();
    std::optional<migrated_server> database;
    std::optional<storage::postgres_pool> pool;
    std::optional<storage::postgres_replay_cache> cache;
    on_postgres() {
        if (!skipped) {
            database.emplace();
            pool.emplace(pool_settings_for(database->server));
            cache.emplace(*pool);
        }
    }
    saml::replay_cache& get() { return *cache; }
};

std::size_t purge(storage::postgres_replay_cache& cache,
                  std::chrono::system_clock::time_point now) {
    boost::asio::io_context io(1);
    auto done = boost::asio::co_spawn(io, cache.purge_expired(now), boost::asio::use_future);
    io.run();
    auto purged = done.get();
    REQUIRE(purged.has_value());
    return *purged;
}

}  // namespace

TEMPLATE_TEST_CASE("a replay cache accepts an assertion once until it expires",
                   "[replay_cache][postgres]", in_memory, on_postgres) {
    TestType implementation;
    if (implementation.skipped) {
        return;
    }
    saml::replay_cache& cache = implementation.get();
    const std::string dk = "urn:idp:DK:countryB";
    CHECK(cache.remember(dk, "_a", t0 + 10min, t0).has_value());

    const auto replayed = cache.remember(dk, "_a", t0 + 10min, t0 + 1min);
    REQUIRE_FALSE(replayed.has_value());
    CHECK(replayed.error().code == errc::assertion_replayed);
    CHECK(replayed.error().context_value("id") == "_a");
    // Still refused at the very instant it expires.
    CHECK_FALSE(cache.remember(dk, "_a", t0 + 10min, t0 + 10min).has_value());

    // The same ID from another issuer is another assertion, and the same issuer's next ID too.
    CHECK(cache.remember("urn:idp:FI:countryB", "_a", t0 + 10min, t0).has_value());
    CHECK(cache.remember(dk, "_b", t0 + 10min, t0).has_value());
    // An issuer and ID that run together differently are different pairs.
    CHECK(cache.remember(dk + "_", "a", t0 + 10min, t0).has_value());

    // After expiry the assertion is accepted again, and then remembered anew.
    CHECK(cache.remember(dk, "_a", t0 + 30min, t0 + 10min + 1us).has_value());
    const auto again = cache.remember(dk, "_a", t0 + 30min, t0 + 20min);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == errc::assertion_replayed);

    // Lengths do not matter.
    const std::string long_issuer(3000, 'i');
    const std::string long_id = "_" + std::string(5000, 'x');
    CHECK(cache.remember(long_issuer, long_id, t0 + 1h, t0).has_value());
    CHECK_FALSE(cache.remember(long_issuer, long_id, t0 + 1h, t0).has_value());
}

TEMPLATE_TEST_CASE("of racers presenting one assertion at once exactly one is accepted",
                   "[replay_cache][postgres]", in_memory, on_postgres) {
    TestType implementation;
    if (implementation.skipped) {
        return;
    }
    saml::replay_cache& cache = implementation.get();
    constexpr int racers = 8;
    constexpr int rounds = 5;
    for (int round = 0; round < rounds; ++round) {
        const std::string id = "_race-" + std::to_string(round);
        std::latch start(racers);
        std::atomic<int> accepted{0};
        std::atomic<int> replayed{0};
        std::atomic<int> other{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < racers; ++i) {
            threads.emplace_back([&] {
                start.arrive_and_wait();
                const auto r = cache.remember("urn:idp:SE:countryB", id, t0 + 1h, t0);
                if (r) {
                    ++accepted;
                } else if (r.error().code == errc::assertion_replayed) {
                    ++replayed;
                } else {
                    ++other;
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        INFO("round " << round);
        CHECK(accepted == 1);
        CHECK(replayed == racers - 1);
        CHECK(other == 0);
    }
}

TEST_CASE("an assertion accepted by one instance is refused by another on the same database",
          "[replay_cache][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server database;
    storage::postgres_pool first_pool(pool_settings_for(database.server));
    storage::postgres_pool second_pool(pool_settings_for(database.server));
    storage::postgres_replay_cache first(first_pool);
    storage::postgres_replay_cache second(second_pool);
    CHECK(first.remember("urn:idp:FI:countryB", "_x", t0 + 1h, t0).has_value());
    const auto replayed = second.remember("urn:idp:FI:countryB", "_x", t0 + 1h, t0 + 1s);
    REQUIRE_FALSE(replayed.has_value());
    CHECK(replayed.error().code == errc::assertion_replayed);
    CHECK(second.remember("urn:idp:FI:countryB", "_y", t0 + 1h, t0).has_value());
    CHECK_FALSE(first.remember("urn:idp:FI:countryB", "_y", t0 + 1h, t0).has_value());
}

TEST_CASE("expired entries are purged and the rest counted", "[replay_cache][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server database;
    storage::postgres_pool pool(pool_settings_for(database.server));
    storage::postgres_replay_cache cache(pool);
    CHECK(cache.size() == 0);
    REQUIRE(cache.remember("urn:idp:FI:countryB", "_a", t0 + 10min, t0).has_value());
    REQUIRE(cache.remember("urn:idp:FI:countryB", "_b", t0 + 30min, t0).has_value());
    REQUIRE(cache.remember("urn:idp:FI:countryB", "_c", t0 + 40min, t0).has_value());
    CHECK(purge(cache, t0 + 5min) == 0);
    CHECK(cache.size() == 3);
    CHECK(purge(cache, t0 + 35min) == 2);
    CHECK(cache.size() == 1);
    CHECK(database.server.superuser_sql("SELECT count(*) FROM ncpeh_replay_cache") == "1");
    // Purging changed nothing about what is still valid.
    CHECK_FALSE(cache.remember("urn:idp:FI:countryB", "_c", t0 + 40min, t0 + 36min).has_value());
    CHECK(cache.remember("urn:idp:FI:countryB", "_a", t0 + 50min, t0 + 36min).has_value());
}

TEST_CASE("without its database the shared replay cache refuses the assertion",
          "[replay_cache][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server database;
    storage::postgres_pool pool(pool_settings_for(database.server));
    storage::postgres_replay_cache cache(pool);
    REQUIRE(cache.remember("urn:idp:FI:countryB", "_a", t0 + 1h, t0).has_value());
    database.server.stop();
    const auto refused = cache.remember("urn:idp:FI:countryB", "_new", t0 + 1h, t0);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::storage_unavailable);

    database.server.start();
    bool back = false;
    for (int i = 0; i < 50 && !back; ++i) {
        const auto r = cache.remember("urn:idp:FI:countryB", "_new", t0 + 1h, t0);
        if (r) {
            back = true;
        } else {
            // Nothing was recorded while it was away: never "replayed", only unavailable.
            REQUIRE(r.error().code == errc::storage_unavailable);
            std::this_thread::sleep_for(100ms);
        }
    }
    CHECK(back);
    CHECK_FALSE(cache.remember("urn:idp:FI:countryB", "_a", t0 + 1h, t0).has_value());
}
