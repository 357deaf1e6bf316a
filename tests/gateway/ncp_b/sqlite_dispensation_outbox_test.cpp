#include "gateway/ncp_b/sqlite_dispensation_outbox.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/ncp_b/open_dispensation_outbox.hpp"
#include "gateway/storage/sqlite_connection.hpp"
#include "tests/gateway/ncp_b/outbox_contract.hpp"
#include "tests/gateway/ncp_b/outbox_test_support.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/unwritable_file.hpp"

namespace {

using namespace ncpeh::gateway::ncp_b;
using ncpeh::testing::outbox_entry_number;
using ncpeh::testing::outbox_pharmacy;
using ncpeh::testing::outbox_t0;
using ncpeh::testing::run_now;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

struct outbox_file {
    ncpeh::testing::temp_dir dir;
    std::filesystem::path file = dir.path() / "ncpeh.outbox.db";

    std::unique_ptr<sqlite_dispensation_outbox> open() const {
        auto outbox = sqlite_dispensation_outbox::open(file);
        REQUIRE(outbox.has_value());
        return std::move(*outbox);
    }
};

// Each fresh outbox in a new file; another one on the same file is another process.
class sqlite_outbox_factory final : public ncpeh::testing::outbox_factory {
  public:
    std::unique_ptr<dispensation_outbox> fresh() override {
        file_.emplace();
        return file_->open();
    }
    std::unique_ptr<dispensation_outbox> another() override { return file_->open(); }

  private:
    std::optional<outbox_file> file_;
};

outbox_record enqueue_now(dispensation_outbox& outbox, outbox_entry entry,
                          outbox_time at = outbox_t0()) {
    auto stored = run_now(outbox.enqueue(std::move(entry), at));
    REQUIRE(stored.has_value());
    REQUIRE_FALSE(stored->replayed);
    return stored->record;
}

std::vector<outbox_record> claim_now(dispensation_outbox& outbox, outbox_time at, std::size_t limit,
                                     milliseconds lease = 60s) {
    auto claimed = run_now(outbox.claim_due(at, limit, lease, {}));
    REQUIRE(claimed.has_value());
    return std::move(*claimed);
}

}  // namespace

TEST_CASE("the SQLite outbox passes the shared outbox tests", "[outbox]") {
    sqlite_outbox_factory make;
    ncpeh::testing::check_outbox_contract(make);
}

TEST_CASE("concurrent enqueues share a commit", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    constexpr int records = 100;
    boost::asio::io_context io;
    int stored = 0;
    for (int n = 0; n < records; ++n) {
        boost::asio::co_spawn(io, outbox->enqueue(outbox_entry_number(n), outbox_t0()),
                              [&stored](std::exception_ptr, ncpeh::result<enqueued> r) {
                                  stored += r.has_value() ? 1 : 0;
                              });
    }
    io.run();
    CHECK(stored == records);
    CHECK(outbox->commits() < static_cast<std::uint64_t>(records));
}

TEST_CASE("open_dispensation_outbox chooses the outbox of the database URL", "[outbox]") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "var" / "ncpeh.db";
    auto embedded = open_dispensation_outbox("sqlite:" + file.string(), nullptr);
    REQUIRE(embedded.has_value());
    CHECK(dynamic_cast<sqlite_dispensation_outbox*>(embedded->get()) != nullptr);
    CHECK(std::filesystem::exists(dir.path() / "var" / "ncpeh.outbox.db"));
    // PostgreSQL needs the pool `serve` makes for the stores.
    auto postgres = open_dispensation_outbox("postgresql://db/ncpeh", nullptr);
    REQUIRE_FALSE(postgres.has_value());
    CHECK(postgres.error().code == ncpeh::errc::invalid_argument);
    auto other = open_dispensation_outbox("mysql://db/ncpeh", nullptr);
    REQUIRE_FALSE(other.has_value());
    CHECK(other.error().code == ncpeh::errc::not_available_yet);
}

TEST_CASE("outbox_file_of puts the outbox beside the audit database", "[outbox]") {
    CHECK(outbox_file_of("sqlite:/var/lib/ncpeh/ncpeh.db") ==
          std::filesystem::path("/var/lib/ncpeh/ncpeh.outbox.db"));
    CHECK(outbox_file_of("sqlite:../var/store") == std::filesystem::path("../var/store.outbox"));
    CHECK_FALSE(outbox_file_of("postgresql://db/ncpeh").has_value());
}

TEST_CASE("a newer schema version is refused at open", "[outbox]") {
    outbox_file f;
    f.open().reset();
    {
        ncpeh::gateway::storage::sqlite_connection db(f.file);
        db.execute("UPDATE dispensation_outbox_schema SET version = 3");
    }
    auto refused = sqlite_dispensation_outbox::open(f.file);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::config_invalid);
    CHECK(refused.error().message.find("schema version is 3") != std::string::npos);
}

TEST_CASE("a version 1 outbox (the CDA in the record's row) is migrated at open", "[outbox]") {
    outbox_file f;
    {
        ncpeh::gateway::storage::sqlite_connection db(f.file);
        db.execute(R"sql(
CREATE TABLE dispensation_outbox_schema (version INTEGER NOT NULL);
INSERT INTO dispensation_outbox_schema (version) VALUES (1);
CREATE TABLE dispensation_outbox (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, discards_id TEXT, pharmacy_gln TEXT NOT NULL,
  dispatch_id TEXT NOT NULL, pharmacist_legitimationskod TEXT NOT NULL,
  pharmacist_name TEXT NOT NULL, pharmacist_profession_code TEXT NOT NULL,
  country TEXT NOT NULL, patient_id TEXT NOT NULL, prescription_document_id TEXT NOT NULL,
  prescription_id TEXT NOT NULL, ed_document_id TEXT NOT NULL, ed_cda TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  last_attempt_at_ms INTEGER, next_attempt_at_ms INTEGER NOT NULL, last_error_code TEXT,
  last_error_message TEXT, delivered_at_ms INTEGER, UNIQUE (pharmacy_gln, dispatch_id, kind));
INSERT INTO dispensation_outbox VALUES ('0123456789abcdef0123456789abcdef', 'dispensation',
  NULL, '7350099999994', 'SE-OLD-1', '9900001', 'Alma Apoteksson', 'AP', 'FI',
  '010170-902L^^^&2.999.246.10.1&ISO', '2.999.246.10.2^FI-EP-0001', '2.999.246.10.3^FI-RX-0001',
  '2.16.752.1.2.3^ED-OLD-1', '<ClinicalDocument>old</ClinicalDocument>', 1000, 'queued', 0,
  NULL, 1000, NULL, NULL, NULL);
)sql");
    }
    auto outbox = f.open();
    const auto old = run_now(outbox->find("0123456789abcdef0123456789abcdef", "7350099999994"));
    REQUIRE(old.has_value());
    CHECK(old->entry.ed_cda == "<ClinicalDocument>old</ClinicalDocument>");
    CHECK(old->entry.dispatch_id == "SE-OLD-1");
    const auto claimed = claim_now(*outbox, outbox_t0(), 10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].entry.ed_cda == "<ClinicalDocument>old</ClinicalDocument>");
    // New records live beside it; the file is version 2 now and opens again as it is.
    const auto added = enqueue_now(*outbox, outbox_entry_number(7));
    CHECK(run_now(outbox->find(added.id, outbox_pharmacy)).value().entry.ed_cda ==
          outbox_entry_number(7).ed_cda);
    outbox.reset();
    ncpeh::gateway::storage::sqlite_connection db(f.file);
    auto version = db.prepare("SELECT version FROM dispensation_outbox_schema");
    REQUIRE(version.step());
    CHECK(version.integer(0) == 2);
    CHECK(f.open() != nullptr);
}

TEST_CASE("an unwritable outbox file fails with storage_unavailable", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const std::string id = enqueue_now(*outbox, outbox_entry_number(1)).id;
    {
        ncpeh::testing::unwritable_file frozen(f.file);
        auto refused = run_now(outbox->enqueue(outbox_entry_number(2), outbox_t0()));
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == ncpeh::errc::storage_unavailable);
        CHECK(refused.error().message.find("not writable") != std::string::npos);
        CHECK(refused.error().context_value("file") == f.file.string());
        auto claim_refused = run_now(outbox->claim_due(outbox_t0(), 10, 1min, {}));
        REQUIRE_FALSE(claim_refused.has_value());
        CHECK(claim_refused.error().code == ncpeh::errc::storage_unavailable);
    }
    // Writable again: nothing was lost, nothing half-written.
    const auto due = claim_now(*outbox, outbox_t0(), 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == id);
}

TEST_CASE("a database locked by another connection fails with storage_unavailable", "[outbox]") {
    outbox_file f;
    auto outbox = sqlite_dispensation_outbox::open(f.file, {.busy_timeout = 50ms}).value();
    ncpeh::gateway::storage::sqlite_connection other(f.file);
    other.execute("BEGIN IMMEDIATE");
    auto refused = run_now(outbox->enqueue(outbox_entry_number(1), outbox_t0()));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::storage_unavailable);
    CHECK(refused.error().message.find("locked by another connection") != std::string::npos);
    other.execute("ROLLBACK");
    CHECK(run_now(outbox->enqueue(outbox_entry_number(1), outbox_t0())).has_value());
}

TEST_CASE("one failing operation does not fail the others of its transaction", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    {
        ncpeh::gateway::storage::sqlite_connection db(f.file);
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON dispensation_outbox "
            "WHEN NEW.dispatch_id = 'A-13' BEGIN SELECT RAISE(ABORT, 'refused by the test'); "
            "END");
    }
    boost::asio::io_context io;
    std::vector<std::optional<ncpeh::result<enqueued>>> out(20);
    for (int n = 0; n < 20; ++n) {
        boost::asio::co_spawn(io, outbox->enqueue(outbox_entry_number(n), outbox_t0()),
                              [&out, n](std::exception_ptr, ncpeh::result<enqueued> r) {
                                  out[static_cast<std::size_t>(n)] = std::move(r);
                              });
    }
    io.run();
    for (int n = 0; n < 20; ++n) {
        const auto& r = out[static_cast<std::size_t>(n)];
        REQUIRE(r.has_value());
        if (n == 13) {
            REQUIRE_FALSE(r->has_value());
            CHECK(r->error().code == ncpeh::errc::storage_unavailable);
            CHECK(r->error().message.find("refused by the test") != std::string::npos);
        } else {
            CHECK(r->has_value());
        }
    }
    CHECK(run_now(outbox->counts(outbox_t0())).value().queued == 19);
}
