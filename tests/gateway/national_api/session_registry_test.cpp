#include "gateway/national_api/session_registry.hpp"

#include <catch2/catch.hpp>

#include <memory>

#include "gateway/national_api/postgres_session_registry.hpp"
#include "tests/gateway/national_api/session_registry_contract.hpp"

using namespace ncpeh;
using namespace ncpeh::gateway::national_api;

namespace {

// Each fresh registry empty; the sessions are one instance's, so there is no other.
class in_memory_factory final : public testing::session_registry_factory {
  public:
    std::unique_ptr<session_registry> fresh(std::size_t max_sessions) override {
        return std::make_unique<in_memory_session_registry>(max_sessions);
    }
    std::unique_ptr<session_registry> another() override { return nullptr; }
};

}  // namespace

TEST_CASE("the in-memory session registry passes the shared session tests", "[national-api]") {
    in_memory_factory make;
    testing::check_session_registry_contract(make);
}

TEST_CASE("the in-memory registry counts its sessions until they are purged", "[national-api]") {
    const auto t0 = testing::session_contract_detail::t0;
    in_memory_session_registry sessions(3);
    for (int i = 0; i < 2; ++i) {
        REQUIRE(testing::run_now(sessions.open(testing::session_contract_detail::for_certificate(
                                                   "aa", t0 + std::chrono::hours(1)),
                                               t0))
                    .has_value());
    }
    CHECK(sessions.size() == 2);
    CHECK(testing::run_now(sessions.purge_expired(t0 + std::chrono::hours(2))).value() == 2);
    CHECK(sessions.size() == 0);
}

TEST_CASE("open_session_registry keeps sessions in memory unless the database is PostgreSQL",
          "[national-api]") {
    auto embedded = open_session_registry("sqlite:/var/lib/ncpeh/ncpeh.db", nullptr);
    REQUIRE(embedded.has_value());
    CHECK(dynamic_cast<in_memory_session_registry*>(embedded->get()) != nullptr);
    auto postgres = open_session_registry("postgresql://db/ncpeh", nullptr);
    REQUIRE_FALSE(postgres.has_value());
    CHECK(postgres.error().code == errc::invalid_argument);
}

TEST_CASE("the bearer token is read from the Authorization header", "[national-api]") {
    CHECK(bearer_token("Bearer abc") == "abc");
    CHECK(bearer_token("bearer  abc ") == "abc");
    CHECK(bearer_token("Basic abc").empty());
    CHECK(bearer_token("Bearer ").empty());
    CHECK(bearer_token("").empty());
}
