// Schema migrations against a real PostgreSQL server: once with several migrators, the status
// (`ncpeh migrate --check`), a failed step, a database migrated by a newer build.
#include "gateway/storage/postgres_migrations.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <thread>

#include "gateway/storage/postgres_schema.hpp"
#include "tests/support/postgres_server.hpp"

namespace storage = ncpeh::gateway::storage;
using ncpeh::errc;
using ncpeh::testing::postgres_server;
using ncpeh::testing::temp_dir;

namespace {

storage::postgres_settings settings_for(const postgres_server& server) {
    storage::postgres_settings s;
    s.url = server.url();
    s.password = server.password();
    return s;
}

// Steps that fail when run twice (CREATE TABLE without IF NOT EXISTS) and count their runs.
const std::vector<storage::postgres_migration> test_steps = {
    {1, "first", "CREATE TABLE runs (step integer); INSERT INTO runs VALUES (1);"},
    {2, "slow",
     "SELECT pg_sleep(0.3); CREATE TABLE second (n integer); INSERT INTO runs VALUES (2);"},
    {5, "third", "CREATE TABLE third (n integer); INSERT INTO runs VALUES (5);"},
};

std::vector<int> versions_of(const std::vector<storage::postgres_migration>& steps) {
    std::vector<int> out;
    for (const auto& s : steps) {
        out.push_back(s.version);
    }
    return out;
}

}  // namespace

TEST_CASE("migrators starting together apply each step exactly once", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    constexpr int migrators = 3;
    std::vector<std::vector<int>> applied(migrators);
    std::vector<std::string> failures(migrators);
    std::vector<std::thread> threads;
    for (int i = 0; i < migrators; ++i) {
        threads.emplace_back([&, i] {
            storage::postgres_connection db(settings_for(server));
            const auto done = storage::apply_migrations(db, test_steps);
            if (done) {
                applied[i] = versions_of(*done);
            } else {
                failures[i] = done.error().describe();
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    std::vector<int> all;
    for (int i = 0; i < migrators; ++i) {
        INFO(failures[i]);
        CHECK(failures[i].empty());
        all.insert(all.end(), applied[i].begin(), applied[i].end());
    }
    // One migrator did the work; the others found nothing to do.
    std::sort(all.begin(), all.end());
    CHECK(all == std::vector<int>{1, 2, 5});
    CHECK(server.superuser_sql("SELECT string_agg(step::text, ',' ORDER BY step) FROM runs") ==
          "1,2,5");
    CHECK(server.superuser_sql("SELECT string_agg(version || ' ' || name, ',' ORDER BY version) "
                               "FROM ncpeh_schema_migrations") == "1 first,2 slow,5 third");
    // The lock was given back.
    CHECK(server.superuser_sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == "0");
}

TEST_CASE("the migration status lists pending and unknown steps; a failed step leaves nothing",
          "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_connection db(settings_for(server));

    const auto fresh = storage::read_migration_status(db, test_steps);
    REQUIRE(fresh.has_value());
    CHECK(versions_of(fresh->pending) == std::vector<int>{1, 2, 5});
    CHECK(fresh->unknown.empty());

    const std::vector<storage::postgres_migration> first_two(test_steps.begin(),
                                                             test_steps.begin() + 2);
    REQUIRE(storage::apply_migrations(db, first_two).has_value());
    const auto later = storage::read_migration_status(db, test_steps);
    REQUIRE(later.has_value());
    CHECK(versions_of(later->pending) == std::vector<int>{5});

    SECTION("a list out of order is refused") {
        auto twice = test_steps;
        twice.insert(twice.begin() + 1, {1, "again", ""});
        const auto refused = storage::apply_migrations(db, twice);
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::internal);
        CHECK(refused.error().context_value("migration") == "1");
    }
    SECTION("a step added later in a lower range still runs") {
        std::vector<storage::postgres_migration> lower = test_steps;
        lower.insert(lower.begin() + 2, {3, "lower", "INSERT INTO runs VALUES (3);"});
        const auto done = storage::apply_migrations(db, lower);
        REQUIRE(done.has_value());
        CHECK(versions_of(*done) == std::vector<int>{3, 5});
        CHECK(server.superuser_sql("SELECT string_agg(step::text, ',' ORDER BY step) FROM runs") ==
              "1,2,3,5");
    }
    SECTION("a failing step is rolled back and named; the steps before it stay") {
        auto broken = test_steps;
        broken.push_back({6, "broken", "CREATE TABLE sixth (n integer); SELEC 1;"});
        const auto failed = storage::apply_migrations(db, broken);
        REQUIRE_FALSE(failed.has_value());
        CHECK(failed.error().code == errc::storage_unavailable);
        CHECK(failed.error().context_value("migration") == "6 broken");
        CHECK(server.superuser_sql("SELECT to_regclass('sixth') IS NULL") == "t");
        CHECK(server.superuser_sql("SELECT max(version) FROM ncpeh_schema_migrations") == "5");
        CHECK(server.superuser_sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") ==
              "0");
    }
    SECTION("a database migrated by a newer build is refused") {
        const std::vector<storage::postgres_migration> older(test_steps.begin(),
                                                             test_steps.begin() + 1);
        const auto status = storage::read_migration_status(db, older);
        REQUIRE(status.has_value());
        CHECK(status->unknown == std::vector<int>{2});
        const auto refused = storage::apply_migrations(db, older);
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::config_invalid);
        CHECK(refused.error().message.find("newer ncpeh") != std::string::npos);
    }
}

TEST_CASE("ncpeh's own schema applies once and is then current", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    storage::postgres_connection db(settings_for(server));
    const auto& schema = storage::postgres_schema();
    REQUIRE_FALSE(schema.empty());
    const auto first = storage::apply_migrations(db, schema);
    REQUIRE(first.has_value());
    CHECK(first->size() == schema.size());
    const auto again = storage::apply_migrations(db, schema);
    REQUIRE(again.has_value());
    CHECK(again->empty());
    CHECK(server.superuser_sql("SELECT to_regclass('ncpeh_replay_cache') IS NOT NULL") == "t");
}

TEST_CASE("ncpeh migrate --check says what would run; ncpeh migrate runs it", "[postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    std::string text =
        ncpeh::testing::read_file(ncpeh::testing::source_dir() / "config/ncpeh.example.toml");
    text = std::regex_replace(text, std::regex(R"(\.\./)"),
                              ncpeh::testing::source_dir().string() + "/");
    text = std::regex_replace(
        text, std::regex(R"(url = "sqlite:[^"]*")"),
        "url = \"" + server.url() + "\"\npassword_env = \"NCPEH_TEST_DB_PASSWORD\"\npool_size = 2");
    const auto config = dir.write("ncpeh.toml", text);
    const std::vector<std::string> env{"NCPEH_TEST_DB_PASSWORD=" + server.password()};
    const std::string ncpeh_bin = NCPEH_EXECUTABLE;
    const auto& schema = storage::postgres_schema();

    const auto check =
        ncpeh::testing::run_command({ncpeh_bin, "migrate", "--config", config.string(), "--check"},
                                    std::chrono::seconds(60), env);
    INFO(check.err);
    CHECK(check.exit_code == 1);
    CHECK(check.out.find("pending 101 replay cache\n") != std::string::npos);
    CHECK(check.out.find("pending") == 0);
    CHECK(server.superuser_sql("SELECT to_regclass('ncpeh_schema_migrations') IS NULL") == "t");

    const auto run = ncpeh::testing::run_command(
        {ncpeh_bin, "migrate", "--config", config.string()}, std::chrono::seconds(60), env);
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("applied 101 replay cache\n") != std::string::npos);

    const auto current =
        ncpeh::testing::run_command({ncpeh_bin, "migrate", "--config", config.string(), "--check"},
                                    std::chrono::seconds(60), env);
    CHECK(current.exit_code == 0);
    CHECK(current.out == "the schema is current (" + std::to_string(schema.size()) + " steps)\n");

    // A wrong password: a clear message, exit 2, and the password nowhere.
    const auto wrong = ncpeh::testing::run_command(
        {ncpeh_bin, "migrate", "--config", config.string(), "--check"}, std::chrono::seconds(60),
        {"NCPEH_TEST_DB_PASSWORD=Not-The-Password-99"});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("password authentication failed") != std::string::npos);
    CHECK(wrong.err.find("Not-The-Password-99") == std::string::npos);
    CHECK(wrong.out.find("Not-The-Password-99") == std::string::npos);
}
