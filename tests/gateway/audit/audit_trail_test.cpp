// The shared audit trail suite (tests/gateway/support/audit_trail_suite.hpp) on the embedded
// SQLite trail; postgres_audit_trail_integration_test.cpp runs the same checks on PostgreSQL.
#include "gateway/audit/audit_trail.hpp"

#include <catch2/catch.hpp>

#include "gateway/audit/open_audit_trail.hpp"
#include "tests/gateway/support/audit_trail_suite.hpp"
#include "tests/support/test_files.hpp"

namespace {

using namespace ncpeh::gateway::audit;

class sqlite_backend final : public ncpeh::testing::audit_trail_backend {
  public:
    std::unique_ptr<spooling_audit_trail> open(const std::string&) override {
        auto trail = open_audit_trail("sqlite:" + (dir_.path() / "audit" / "audit.db").string());
        REQUIRE(trail.has_value());
        return std::move(*trail);
    }

  private:
    ncpeh::testing::temp_dir dir_;
};

}  // namespace

TEST_CASE("audit trail on SQLite: records then newest, in order, every field kept",
          "[audit-trail]") {
    sqlite_backend backend;
    ncpeh::testing::check_records_in_order(backend);
}

TEST_CASE("audit trail on SQLite: concurrent records are all stored, each once", "[audit-trail]") {
    sqlite_backend backend;
    ncpeh::testing::check_concurrent_records(backend);
}

TEST_CASE("audit trail on SQLite: started, success and failure are kept", "[audit-trail]") {
    sqlite_backend backend;
    ncpeh::testing::check_outcomes_kept(backend);
    CHECK(name_of(outcome::started) == "started");
    CHECK(outcome_from_name("started") == outcome::started);
    CHECK(outcome_from_name("anything else") == outcome::failure);
}

TEST_CASE("audit trail on SQLite: transactions counted by month and country (KPIs)",
          "[audit-trail]") {
    sqlite_backend backend;
    ncpeh::testing::check_transaction_counts(backend);
}

TEST_CASE("audit trail on SQLite: a patient's access log, paged", "[audit-trail][audit-access]") {
    sqlite_backend backend;
    ncpeh::testing::check_patient_access(backend);
}

TEST_CASE("audit trail on SQLite: rows of one millisecond page in order; started rows",
          "[audit-trail][audit-access]") {
    sqlite_backend backend;
    ncpeh::testing::check_patient_access_same_millisecond(backend);
}

TEST_CASE("audit trail on SQLite: ATNA messages spooled with their events, kept across a reopen",
          "[audit-trail][atna]") {
    sqlite_backend backend;
    ncpeh::testing::check_spool_written_with_events(backend);
}

TEST_CASE("audit trail on SQLite: spool delivery clears what was sent, in order",
          "[audit-trail][atna]") {
    sqlite_backend backend;
    ncpeh::testing::check_spool_delivery(backend);
}

TEST_CASE("audit trail on SQLite: an event whose messages cannot be made is not stored",
          "[audit-trail][atna]") {
    sqlite_backend backend;
    ncpeh::testing::check_spool_fails_with_event(backend);
}

TEST_CASE("open_audit_trail: a PostgreSQL URL needs the pool; other URLs are refused",
          "[audit-trail]") {
    const auto no_pool = open_audit_trail("postgresql://ncpeh@127.0.0.1:5432/ncpeh");
    REQUIRE_FALSE(no_pool.has_value());
    CHECK(no_pool.error().code == ncpeh::errc::config_invalid);
    CHECK(no_pool.error().message.find("connection pool") != std::string::npos);
    const auto other = open_audit_trail("mysql://somewhere/ncpeh");
    REQUIRE_FALSE(other.has_value());
    CHECK(other.error().code == ncpeh::errc::config_invalid);
    CHECK(other.error().context_value("url") == "mysql://somewhere/ncpeh");
}
