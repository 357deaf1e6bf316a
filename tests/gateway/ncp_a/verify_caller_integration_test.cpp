// The security stage with the replay cache of several instances on a real PostgreSQL server: the
// country-A stages in-process, two "instances" with a pool each on one database.
#include "gateway/ncp_a/verify_caller.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/thread_pool.hpp>

#include <mutex>
#include <set>
#include <thread>

#include "gateway/ncp_a/xca_query/answer_xca_query.hpp"
#include "gateway/storage/postgres_migrations.hpp"
#include "gateway/storage/postgres_replay_cache.hpp"
#include "gateway/storage/postgres_schema.hpp"
#include "tests/gateway/support/country_a_stages.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/text.hpp"

namespace storage = ncpeh::gateway::storage;
using namespace ncpeh::samples::foreign_ncp;
using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;

namespace {

constexpr auto stage = ncpeh::gateway::ncp_a::xca_query::answer_xca_query;

// Remembers on which threads the cache was asked, then asks the shared one.
class watched_replay_cache final : public ncpeh::trust::saml::replay_cache {
  public:
    explicit watched_replay_cache(ncpeh::trust::saml::replay_cache& inner) : inner_(inner) {}
    ncpeh::result<void> remember(std::string_view issuer, std::string_view id,
                                 std::chrono::system_clock::time_point expires_at,
                                 std::chrono::system_clock::time_point now) override {
        {
            const std::lock_guard lock(mutex_);
            threads_.insert(std::this_thread::get_id());
        }
        return inner_.remember(issuer, id, expires_at, now);
    }
    std::set<std::thread::id> threads() const {
        const std::lock_guard lock(mutex_);
        return threads_;
    }

  private:
    ncpeh::trust::saml::replay_cache& inner_;
    mutable std::mutex mutex_;
    std::set<std::thread::id> threads_;
};

storage::postgres_pool_settings pool_settings_for(const postgres_server& server) {
    storage::postgres_pool_settings s;
    s.connection.url = server.url();
    s.connection.password = server.password();
    s.connection.connect_timeout = std::chrono::seconds(3);
    s.connections = 2;
    s.reconnect_pause = std::chrono::milliseconds(200);
    return s;
}

}  // namespace

TEST_CASE(
    "a request accepted by one instance is refused when replayed to another; both "
    "verify off the I/O thread",
    "[postgres]") {
    if (skip_without_postgres()) {
        return;
    }
    temp_dir dir;
    postgres_server server(dir);
    {
        storage::postgres_connection db(pool_settings_for(server).connection);
        REQUIRE(storage::apply_migrations(db, storage::postgres_schema()).has_value());
    }
    boost::asio::thread_pool heavy_work(2);
    storage::postgres_pool first_pool(pool_settings_for(server));
    storage::postgres_pool second_pool(pool_settings_for(server));
    storage::postgres_replay_cache first_cache(first_pool);
    storage::postgres_replay_cache second_cache(second_pool);
    watched_replay_cache first_watched(first_cache);
    watched_replay_cache second_watched(second_cache);
    country_a_stages first;
    country_a_stages second;
    for (auto [instance, cache] : {std::pair{&first, &first_watched}, {&second, &second_watched}}) {
        instance->services.replay = cache;
        instance->services.replay_blocks = true;
        instance->services.heavy_work = heavy_work.get_executor();
    }

    const std::string envelope =
        partner_envelope(ncpeh::gateway::ihe::transaction::xca_query, for_patient(tolvan),
                         xca_query_body(partner_sources(), personnummer_cx(tolvan)));
    CHECK(contains(first.answer(stage, envelope).body(), "ResponseStatusType:Success"));
    CHECK(first.store.calls() > 0);

    const std::string replayed = second.answer(stage, envelope).body();
    CHECK(contains(replayed, "ResponseStatusType:Failure"));
    CHECK(second.store.calls() == 0);

    // A fresh request is accepted by the second instance.
    const std::string fresh =
        partner_envelope(ncpeh::gateway::ihe::transaction::xca_query, for_patient(tolvan),
                         xca_query_body(partner_sources(), personnummer_cx(tolvan)));
    CHECK(contains(second.answer(stage, fresh).body(), "ResponseStatusType:Success"));

    // Never asked on the thread that runs the stage (the I/O thread of a gateway).
    for (const auto* watched : {&first_watched, &second_watched}) {
        const auto threads = watched->threads();
        CHECK_FALSE(threads.empty());
        CHECK_FALSE(threads.contains(std::this_thread::get_id()));
    }

    // Without the database the assertion is refused and the store is not read: fail closed.
    server.stop();
    const std::size_t calls = second.store.calls();
    const std::string unavailable =
        partner_envelope(ncpeh::gateway::ihe::transaction::xca_query, for_patient(tolvan),
                         xca_query_body(partner_sources(), personnummer_cx(tolvan)));
    CHECK(contains(second.answer(stage, unavailable).body(), "ResponseStatusType:Failure"));
    CHECK(second.store.calls() == calls);
    heavy_work.join();
}
