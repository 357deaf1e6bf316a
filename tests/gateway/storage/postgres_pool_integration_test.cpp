// The libpq layer and the connection pool against a real PostgreSQL server
// (tests/support/postgres_server.hpp): parameters, errors, the bounded queue, a server restart
// and a server that is gone.
#include "gateway/storage/postgres_pool.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <atomic>
#include <future>
#include <thread>

#include "tests/support/postgres_server.hpp"

namespace storage = ncpeh::gateway::storage;
namespace net = boost::asio;
using ncpeh::errc;
using ncpeh::result;
using ncpeh::testing::postgres_server;
using ncpeh::testing::temp_dir;

namespace {

storage::postgres_settings settings_for(const postgres_server& server) {
    storage::postgres_settings s;
    s.url = server.url();
    s.password = server.password();
    s.connect_timeout = std::chrono::seconds(3);
    return s;
}

storage::postgres_pool_settings pool_settings_for(const postgres_server& server,
                                                  std::size_t connections = 2) {
    storage::postgres_pool_settings s;
    s.connection = settings_for(server);
    s.connections = connections;
    s.queue_timeout = std::chrono::milliseconds(3000);
    s.reconnect_pause = std::chrono::milliseconds(200);
    return s;
}

result<std::int64_t> select_one(storage::postgres_connection& db) {
    return db.execute("SELECT 1").integer(0, 0);
}

}  // namespace

TEST_CASE("a PostgreSQL connection runs parameterised statements and reports SQLSTATEs",
          "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_connection db(settings_for(server));
    CHECK(db.describe() == "127.0.0.1:" + std::to_string(server.port()) + "/ncpeh as ncpeh");
    db.execute("CREATE TABLE person (id bigint PRIMARY KEY, name text, note text)");
    // Data never becomes SQL: a quote and a statement in a parameter stay text.
    const std::string hostile = "Testa O'Fiktiv'); DROP TABLE person; --";
    const auto inserted = db.execute("INSERT INTO person VALUES ($1, $2, $3), ($4, $5, $6)",
                                     {7, hostile, std::nullopt, std::int64_t{1} << 40, "", "x"});
    CHECK(inserted.affected_rows() == 2);
    const auto rows = db.execute("SELECT id, name, note FROM person ORDER BY id");
    REQUIRE(rows.rows() == 2);
    CHECK(rows.columns() == 3);
    CHECK(rows.integer(0, 0) == 7);
    CHECK(rows.text(0, 1) == hostile);
    CHECK(rows.is_null(0, 2));
    CHECK(rows.text(0, 2).empty());
    CHECK(rows.integer(1, 0) == std::int64_t{1} << 40);
    CHECK_FALSE(rows.is_null(1, 1));
    CHECK_THROWS_AS(rows.integer(0, 1), storage::postgres_error);
    CHECK_THROWS_AS(rows.text(2, 0), storage::postgres_error);

    try {
        db.execute("INSERT INTO person (id) VALUES ($1)", {7});
        FAIL("a duplicate key was accepted");
    } catch (const storage::postgres_error& e) {
        CHECK(e.is_unique_violation());
        CHECK(e.sqlstate() == "23505");
        CHECK_FALSE(e.connection_lost());
    }
    try {
        db.execute("SELEC 1");
        FAIL("bad SQL was accepted");
    } catch (const storage::postgres_error& e) {
        CHECK(e.sqlstate() == "42601");
        CHECK(std::string(e.what()).find("(in: SELEC 1)") != std::string::npos);
    }
    CHECK(db.is_usable());
    CHECK(db.execute("SELECT count(*) FROM person").integer(0, 0) == 2);
}

TEST_CASE("a transaction commits what worked and rolls back an error or an exception",
          "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_connection db(settings_for(server));
    db.execute("CREATE TABLE item (n integer)");
    const auto insert = [](int n) {
        return [n](storage::postgres_connection& c) -> result<void> {
            c.execute("INSERT INTO item VALUES ($1)", {n});
            if (n == 2) {
                return ncpeh::make_error(errc::internal, "refused");
            }
            if (n == 3) {
                throw std::runtime_error("thrown");
            }
            return {};
        };
    };
    CHECK(storage::in_transaction(db, insert(1)).has_value());
    CHECK_FALSE(storage::in_transaction(db, insert(2)).has_value());
    CHECK_THROWS_WITH(storage::in_transaction(db, insert(3)), "thrown");
    CHECK_FALSE(db.in_transaction());
    CHECK(db.execute("SELECT string_agg(n::text, ',') FROM item").text(0, 0) == "1");
}

TEST_CASE("a wrong password is a clear error that does not show the password", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    auto wrong = settings_for(server);
    wrong.password = "Wrong-Secret-4711";
    try {
        storage::postgres_connection db(wrong);
        FAIL("connected with a wrong password");
    } catch (const storage::postgres_error& e) {
        const std::string message = e.what();
        CHECK(e.connection_lost());
        CHECK(message.find("password authentication failed for user \"ncpeh\"") !=
              std::string::npos);
        CHECK(message.find("Wrong-Secret-4711") == std::string::npos);
    }
    // Through the pool: the same cause as storage_unavailable, still without the password.
    auto pool_settings = pool_settings_for(server, 1);
    pool_settings.connection = wrong;
    storage::postgres_pool pool(pool_settings);
    const auto failed = pool.run_blocking(select_one);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == errc::storage_unavailable);
    CHECK(failed.error().describe().find("password authentication failed") != std::string::npos);
    CHECK(failed.error().describe().find("Wrong-Secret-4711") == std::string::npos);
    CHECK(failed.error().context_value("database") == server.url());
}

TEST_CASE("the pool runs jobs on its threads and resumes on the caller's executor", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_pool pool(pool_settings_for(server));
    net::io_context io(1);
    std::vector<std::int64_t> answers;
    std::atomic<int> on_io_thread{0};
    std::atomic<int> job_on_io_thread{0};
    std::thread::id io_thread;
    for (int i = 0; i < 8; ++i) {
        net::co_spawn(
            io,
            [&, i]() -> net::awaitable<void> {
                auto answer = co_await pool.run(
                    [&, i](storage::postgres_connection& db) -> result<std::int64_t> {
                        if (std::this_thread::get_id() == io_thread) {
                            ++job_on_io_thread;
                        }
                        return db.execute("SELECT $1::bigint * 2", {i}).integer(0, 0);
                    });
                if (std::this_thread::get_id() == io_thread) {
                    ++on_io_thread;
                }
                REQUIRE(answer.has_value());
                answers.push_back(*answer);
            },
            net::detached);
    }
    std::thread runner([&] {
        io_thread = std::this_thread::get_id();
        io.run();
    });
    runner.join();
    std::sort(answers.begin(), answers.end());
    CHECK(answers == std::vector<std::int64_t>{0, 2, 4, 6, 8, 10, 12, 14});
    CHECK(on_io_thread == 8);
    CHECK(job_on_io_thread == 0);
    CHECK(pool.queued() == 0);
}

TEST_CASE("a transaction a job leaves open is rolled back before the next job", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_pool pool(pool_settings_for(server, 1));
    const auto made = pool.run_blocking([](storage::postgres_connection& db) -> result<void> {
        db.execute("CREATE TABLE left_open (n integer)");
        db.execute("BEGIN");
        db.execute("INSERT INTO left_open VALUES (1)");
        return {};
    });
    REQUIRE(made.has_value());
    const auto thrown = pool.run_blocking([](storage::postgres_connection& db) -> result<void> {
        db.execute("BEGIN");
        db.execute("INSERT INTO left_open VALUES (2)");
        throw std::runtime_error("a bug in a store");
    });
    REQUIRE_FALSE(thrown.has_value());
    CHECK(thrown.error().code == errc::internal);
    CHECK(thrown.error().message == "a database job failed: a bug in a store");
    const auto after =
        pool.run_blocking([](storage::postgres_connection& db) -> result<std::string> {
            if (db.in_transaction()) {
                return ncpeh::make_error(errc::internal, "still in a transaction");
            }
            return db.execute("SELECT count(*) FROM left_open").text(0, 0);
        });
    REQUIRE(after.has_value());
    CHECK(*after == "0");
}

TEST_CASE("a full queue refuses a job at once with storage_unavailable", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    auto settings = pool_settings_for(server, 1);
    settings.queue_limit = 2;
    storage::postgres_pool pool(settings);
    REQUIRE(pool.run_blocking(select_one).has_value());  // connected

    // The only worker waits on `release`; two jobs fill the queue; the fourth is refused.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> busy;
    net::io_context io(1);
    std::vector<std::string> outcomes;
    const auto submit = [&](std::string name, bool block) {
        net::co_spawn(
            io,
            [&, name, block]() -> net::awaitable<void> {
                auto done = co_await pool.run(
                    [&, block](storage::postgres_connection& db) -> result<std::int64_t> {
                        if (block) {
                            busy.set_value();
                            released.wait();
                        }
                        return select_one(db);
                    });
                outcomes.push_back(
                    name + (done ? " ok" : " " + std::string(ncpeh::name_of(done.error().code))));
                if (!done) {
                    CHECK(done.error().message.find("too many requests wait for a connection "
                                                    "(2 queued)") != std::string::npos);
                }
            },
            net::detached);
    };
    submit("blocker", true);
    io.poll();
    busy.get_future().wait();
    submit("second", false);
    submit("third", false);
    submit("fourth", false);
    io.poll();
    // The refusal is delivered through the executor, without waiting for the database.
    while (outcomes.empty()) {
        io.run_one();
    }
    CHECK(outcomes == std::vector<std::string>{"fourth storage_unavailable"});
    CHECK(pool.queued() == 2);
    release.set_value();
    io.run();
    CHECK(outcomes == std::vector<std::string>{"fourth storage_unavailable", "blocker ok",
                                               "second ok", "third ok"});
}

TEST_CASE("after a database restart or crash the pool reconnects by itself", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_pool pool(pool_settings_for(server, 2));
    // Open both connections: two jobs at once.
    std::thread other([&] { CHECK(pool.run_blocking(select_one).has_value()); });
    CHECK(pool.run_blocking(select_one).has_value());
    other.join();

    SECTION("a restart: the idle connections are found closed and replaced before use") {
        server.restart();
        for (int i = 0; i < 6; ++i) {
            const auto after = pool.run_blocking(select_one);
            INFO(i << ": " << (after ? "ok" : after.error().describe()));
            CHECK(after.has_value());
        }
    }
    SECTION("a crash (immediate shutdown) and recovery") {
        server.kill();
        const auto down = pool.run_blocking(select_one);
        REQUIRE_FALSE(down.has_value());
        CHECK(down.error().code == errc::storage_unavailable);
        server.start();
        // Within the reconnect pause jobs may still fail at once; then they succeed.
        bool recovered = false;
        for (int i = 0; i < 50 && !recovered; ++i) {
            recovered = pool.run_blocking(select_one).has_value();
            if (!recovered) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        CHECK(recovered);
        for (int i = 0; i < 4; ++i) {
            CHECK(pool.run_blocking(select_one).has_value());
        }
    }
}

TEST_CASE("while the database is stopped jobs fail with storage_unavailable, not a hang",
          "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_pool pool(pool_settings_for(server, 2));
    REQUIRE(pool.run_blocking(select_one).has_value());
    server.stop();

    net::io_context io(1);
    std::vector<result<std::int64_t>> outcomes;
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        net::co_spawn(
            io,
            [&]() -> net::awaitable<void> { outcomes.push_back(co_await pool.run(select_one)); },
            net::detached);
    }
    io.run();
    const auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(outcomes.size() == 20);
    for (const auto& outcome : outcomes) {
        REQUIRE_FALSE(outcome.has_value());
        CHECK(outcome.error().code == errc::storage_unavailable);
        CHECK(ncpeh::message_for_partner(outcome.error()) ==
              "an internal error occurred; try again later");
    }
    // A refused connection fails at once, and the pause after it fails the others at once: far
    // below the bound of a single job (queue timeout + connect timeout + statement timeout).
    CHECK(elapsed < pool.settings().queue_timeout);

    server.start();
    bool recovered = false;
    for (int i = 0; i < 50 && !recovered; ++i) {
        recovered = pool.run_blocking(select_one).has_value();
        if (!recovered) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    CHECK(recovered);
}
