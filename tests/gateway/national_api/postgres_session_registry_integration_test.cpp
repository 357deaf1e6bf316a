// The pharmacist sessions on a real PostgreSQL server (tests/support/postgres_server.hpp): the
// shared session tests, what another instance sees, the token never stored, a database restart.
#include "gateway/national_api/postgres_session_registry.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gateway/storage/postgres_migrations.hpp"
#include "gateway/storage/postgres_schema.hpp"
#include "tests/gateway/national_api/session_registry_contract.hpp"
#include "tests/support/postgres_server.hpp"

namespace {

namespace storage = ncpeh::gateway::storage;
using namespace ncpeh::gateway::national_api;
using ncpeh::errc;
using ncpeh::testing::postgres_server;
using ncpeh::testing::run_now;
using ncpeh::testing::temp_dir;
using ncpeh::testing::session_contract_detail::for_certificate;
using ncpeh::testing::session_contract_detail::t0;
using namespace std::chrono_literals;

storage::postgres_pool_settings pool_settings_for(const postgres_server& server) {
    storage::postgres_pool_settings s;
    s.connection.url = server.url();
    s.connection.password = server.password();
    s.connection.connect_timeout = std::chrono::seconds(3);
    s.connections = 2;
    s.queue_timeout = std::chrono::milliseconds(5000);
    s.reconnect_pause = std::chrono::milliseconds(200);
    return s;
}

struct migrated_server {
    temp_dir dir;
    postgres_server server{dir};

    migrated_server() {
        storage::postgres_connection db(pool_settings_for(server).connection);
        REQUIRE(storage::apply_migrations(db, storage::postgres_schema()).has_value());
    }
};

// Each fresh registry on emptied tables with a pool of its own; another one is another instance.
class postgres_factory final : public ncpeh::testing::session_registry_factory {
  public:
    explicit postgres_factory(const postgres_server& server) : server_(server) {}

    std::unique_ptr<session_registry> fresh(std::size_t max_sessions) override {
        pools_.clear();
        server_.superuser_sql("TRUNCATE ncpeh_sessions CASCADE");
        max_sessions_ = max_sessions;
        return another();
    }
    std::unique_ptr<session_registry> another() override {
        pools_.push_back(std::make_unique<storage::postgres_pool>(pool_settings_for(server_)));
        return std::make_unique<postgres_session_registry>(*pools_.back(), max_sessions_);
    }

  private:
    const postgres_server& server_;
    std::size_t max_sessions_ = 100;
    std::vector<std::unique_ptr<storage::postgres_pool>> pools_;
};

}  // namespace

TEST_CASE("the PostgreSQL session registry passes the shared session tests",
          "[national-api][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    postgres_factory make(db.server);
    ncpeh::testing::check_session_registry_contract(make);
}

TEST_CASE("the database keeps the token's SHA-256, never the token", "[national-api][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    storage::postgres_pool pool(pool_settings_for(db.server));
    postgres_session_registry sessions(pool);
    const std::string token = run_now(sessions.open(for_certificate("aa", t0 + 1h), t0)).value();
    const std::string dump = db.server.superuser_sql(
        "SELECT encode(token_sha256, 'hex') || ' ' || id || ' ' || hcp_assertion_id "
        "FROM ncpeh_sessions");
    CHECK(dump.find(token) == std::string::npos);
    CHECK(db.server.superuser_sql("SELECT octet_length(token_sha256) FROM ncpeh_sessions") == "32");
    CHECK(db.server.superuser_sql("SELECT count(*) FROM ncpeh_sessions WHERE position($t$" + token +
                                  "$t$ in hcp_assertion || id || client_certificate_sha256) > 0") ==
          "0");
}

TEST_CASE("while the database restarts sessions fail with storage_unavailable, then work",
          "[national-api][postgres]") {
    if (ncpeh::testing::skip_without_postgres()) {
        return;
    }
    migrated_server db;
    storage::postgres_pool pool(pool_settings_for(db.server));
    postgres_session_registry sessions(pool);
    const std::string token = run_now(sessions.open(for_certificate("aa", t0 + 1h), t0)).value();

    db.server.stop();
    auto down = run_now(sessions.find(token, "aa", t0));
    REQUIRE_FALSE(down.has_value());
    CHECK(down.error().code == errc::storage_unavailable);  // not session_invalid: retry later
    auto open_down = run_now(sessions.open(for_certificate("aa", t0 + 1h), t0));
    REQUIRE_FALSE(open_down.has_value());
    CHECK(open_down.error().code == errc::storage_unavailable);

    db.server.start();
    ncpeh::result<std::shared_ptr<const session>> back =
        ncpeh::make_error(errc::internal, "not tried");
    for (int tries = 0; tries < 100 && !back.has_value(); ++tries) {
        back = run_now(sessions.find(token, "aa", t0));
        if (!back.has_value()) {
            CHECK(back.error().code == errc::storage_unavailable);
            std::this_thread::sleep_for(50ms);
        }
    }
    REQUIRE(back.has_value());  // the session outlived the database's restart
    CHECK((*back)->pharmacist.legitimationskod == "123456");
}
