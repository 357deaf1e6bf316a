#include "gateway/ncp_b/sqlite_dispensation_outbox.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/storage/sqlite_connection.hpp"
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

std::set<std::string> ids_of(const std::vector<outbox_record>& records) {
    std::set<std::string> ids;
    for (const outbox_record& r : records) {
        ids.insert(r.id);
    }
    return ids;
}

}  // namespace

TEST_CASE("an enqueued dispensation is found with every field", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const outbox_entry entry = outbox_entry_number(1);
    const outbox_record stored = enqueue_now(*outbox, entry);

    CHECK(stored.id.size() == 32);
    CHECK(stored.id.find_first_not_of("0123456789abcdef") == std::string::npos);
    auto found = run_now(outbox->find(stored.id, outbox_pharmacy));
    REQUIRE(found.has_value());
    CHECK(found->id == stored.id);
    CHECK(found->entry == entry);
    CHECK(found->entry.pharmacist.legitimationskod == "9999991");
    CHECK(found->entry.pharmacist.name == "Testa Apotekare");
    CHECK(found->entry.pharmacist.profession_code == "AP");
    CHECK(found->entry.ed_cda == entry.ed_cda);
    CHECK(found->created_at == outbox_t0());
    CHECK(found->status == outbox_status::queued);
    CHECK(found->attempts == 0);
    CHECK_FALSE(found->last_attempt_at.has_value());
    CHECK(found->next_attempt_at == outbox_t0());
    CHECK_FALSE(found->last_error.has_value());
    CHECK_FALSE(found->delivered_at.has_value());
}

TEST_CASE("the same pharmacy, dispatch id and kind again is a replay of the first record",
          "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const outbox_record first = enqueue_now(*outbox, outbox_entry_number(1));

    outbox_entry again = outbox_entry_number(1);
    again.ed_cda = "<ClinicalDocument>something else</ClinicalDocument>";
    again.ed_document_id = "2.999.752.1.9^another";
    auto replay = run_now(outbox->enqueue(again, outbox_t0() + 5s));
    REQUIRE(replay.has_value());
    CHECK(replay->replayed);
    CHECK(replay->record.id == first.id);
    CHECK(replay->record.entry == outbox_entry_number(1));  // the first one's content
    CHECK(replay->record.created_at == outbox_t0());

    // Another pharmacy's id "A-1" is another dispensation.
    const outbox_record other =
        enqueue_now(*outbox, outbox_entry_number(1, ncpeh::testing::other_pharmacy));
    CHECK(other.id != first.id);

    auto counted = run_now(outbox->counts(outbox_t0() + 10s));
    REQUIRE(counted.has_value());
    CHECK(counted->queued == 2);
    REQUIRE(counted->oldest_pending_age.has_value());
    CHECK(*counted->oldest_pending_age == 10s);
    // Only one delivery: one claim gets each record once.
    CHECK(claim_now(*outbox, outbox_t0() + 10s, 10).size() == 2);
}

TEST_CASE("a pharmacy does not see another pharmacy's dispensation", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const outbox_record stored = enqueue_now(*outbox, outbox_entry_number(1));
    auto seen = run_now(outbox->find(stored.id, ncpeh::testing::other_pharmacy));
    REQUIRE_FALSE(seen.has_value());
    CHECK(seen.error().code == ncpeh::errc::dispensation_not_found);
    CHECK(seen.error().context_value("dispensation") == stored.id);
    auto unknown = run_now(outbox->find("0123456789abcdef0123456789abcdef", outbox_pharmacy));
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == ncpeh::errc::dispensation_not_found);
}

TEST_CASE("an entry without its keys is refused", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    outbox_entry no_gln = outbox_entry_number(1);
    no_gln.pharmacy_gln.clear();
    auto refused = run_now(outbox->enqueue(no_gln, outbox_t0()));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::invalid_argument);
    CHECK(refused.error().context_value("field") == "pharmacy_gln");

    outbox_entry no_cda = outbox_entry_number(2);
    no_cda.ed_cda.clear();
    auto refused_cda = run_now(outbox->enqueue(no_cda, outbox_t0()));
    REQUIRE_FALSE(refused_cda.has_value());
    CHECK(refused_cda.error().context_value("field") == "ed_cda");

    outbox_entry discard_of_nothing = outbox_entry_number(3);
    discard_of_nothing.kind = outbox_kind::discard;
    auto refused_discard = run_now(outbox->enqueue(discard_of_nothing, outbox_t0()));
    REQUIRE_FALSE(refused_discard.has_value());
    CHECK(refused_discard.error().context_value("field") == "discards_id");

    CHECK(run_now(outbox->counts(outbox_t0())).value().queued == 0);
}

TEST_CASE("a queued dispensation survives closing and reopening the file", "[outbox]") {
    outbox_file f;
    std::string id;
    {
        auto outbox = f.open();
        id = enqueue_now(*outbox, outbox_entry_number(7)).id;
    }  // the process ends
    auto reopened = f.open();
    const auto due = claim_now(*reopened, outbox_t0(), 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == id);
    CHECK(due[0].entry == outbox_entry_number(7));
    CHECK(due[0].status == outbox_status::delivering);
    CHECK(due[0].attempts == 1);
}

TEST_CASE("outbox_file_of puts the outbox beside the audit database", "[outbox]") {
    CHECK(outbox_file_of("sqlite:/var/lib/ncpeh/ncpeh.db") ==
          std::filesystem::path("/var/lib/ncpeh/ncpeh.outbox.db"));
    CHECK(outbox_file_of("sqlite:../var/store") == std::filesystem::path("../var/store.outbox"));
    CHECK_FALSE(outbox_file_of("postgresql://db/ncpeh").has_value());
    auto postgres = open_dispensation_outbox("postgresql://db/ncpeh");
    REQUIRE_FALSE(postgres.has_value());
    CHECK(postgres.error().code == ncpeh::errc::not_available_yet);
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

TEST_CASE("claim_due respects the due time, the limit and the lease", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    std::vector<std::string> ids;
    for (int n = 0; n < 5; ++n) {
        ids.push_back(
            enqueue_now(*outbox, outbox_entry_number(n), outbox_t0() + milliseconds(n)).id);
    }
    // Not due before its enqueue time.
    CHECK(claim_now(*outbox, outbox_t0() - 1ms, 10).empty());
    const auto two = claim_now(*outbox, outbox_t0() + 10ms, 2, 60s);
    REQUIRE(two.size() == 2);
    CHECK(two[0].id == ids[0]);  // oldest due first
    CHECK(two[1].id == ids[1]);
    CHECK(two[0].next_attempt_at == outbox_t0() + 10ms + 60s);
    REQUIRE(two[0].last_attempt_at.has_value());
    CHECK(*two[0].last_attempt_at == outbox_t0() + 10ms);
    const auto three = claim_now(*outbox, outbox_t0() + 20ms, 10, 60s);
    CHECK(ids_of(three) == std::set<std::string>{ids[2], ids[3], ids[4]});
    // Everything is leased.
    CHECK(claim_now(*outbox, outbox_t0() + 30s, 10).empty());
    auto counted = run_now(outbox->counts(outbox_t0() + 30s)).value();
    CHECK(counted.queued == 0);
    CHECK(counted.delivering == 5);

    // A deliverer that crashed never marks anything: its leases expire, the records are due.
    const auto again = claim_now(*outbox, outbox_t0() + 10ms + 60s, 10, 60s);
    CHECK(ids_of(again) == std::set<std::string>{ids[0], ids[1]});
    CHECK(again[0].attempts == 2);
    // The crashed claim can no longer record anything for them.
    CHECK_FALSE(run_now(outbox->mark_retry(ids[0], 1, {"foreign_ncp_timeout", "late"}, outbox_t0()))
                    .value());
    CHECK_FALSE(run_now(outbox->mark_failed(ids[0], 1, {"ed_generic", "late"})).value());
}

TEST_CASE("claim_due leaves the records of held partner countries alone", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const std::string finnish = enqueue_now(*outbox, outbox_entry_number(1)).id;
    auto entry = outbox_entry_number(2);
    entry.country = "AT";
    const std::string austrian = enqueue_now(*outbox, entry).id;
    entry = outbox_entry_number(3);
    entry.country = "CZ";
    const std::string czech = enqueue_now(*outbox, entry).id;

    auto claimed = run_now(outbox->claim_due(outbox_t0(), 10, 60s, {"FI", "CZ"}));
    REQUIRE(claimed.has_value());
    CHECK(ids_of(*claimed) == std::set<std::string>{austrian});
    claimed = run_now(outbox->claim_due(outbox_t0(), 10, 60s, {"CZ"}));
    REQUIRE(claimed.has_value());
    CHECK(ids_of(*claimed) == std::set<std::string>{finnish});
    // A country that is a prefix of another holds only itself.
    claimed = run_now(outbox->claim_due(outbox_t0(), 10, 60s, {"C"}));
    REQUIRE(claimed.has_value());
    CHECK(ids_of(*claimed) == std::set<std::string>{czech});
}

TEST_CASE("marks record retries, failures and deliveries of the claim that holds the record",
          "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const std::string a = enqueue_now(*outbox, outbox_entry_number(1)).id;
    const std::string b = enqueue_now(*outbox, outbox_entry_number(2)).id;
    const std::string c = enqueue_now(*outbox, outbox_entry_number(3)).id;
    REQUIRE(claim_now(*outbox, outbox_t0(), 10).size() == 3);

    const outbox_error timeout{"foreign_ncp_timeout", "no answer within 30 s"};
    REQUIRE(run_now(outbox->mark_retry(a, 1, timeout, outbox_t0() + 30s)).value());
    const outbox_error refused{"foreign_ncp_refused", "refused [remote_code=4105]"};
    REQUIRE(run_now(outbox->mark_failed(b, 1, refused)).value());
    REQUIRE(run_now(outbox->mark_delivered(c, outbox_t0() + 2s)).value());
    CHECK_FALSE(run_now(outbox->mark_delivered(c, outbox_t0() + 3s)).value());  // once

    const auto ra = run_now(outbox->find(a, outbox_pharmacy)).value();
    CHECK(ra.status == outbox_status::queued);
    CHECK(ra.next_attempt_at == outbox_t0() + 30s);
    CHECK(ra.last_error == timeout);
    const auto rb = run_now(outbox->find(b, outbox_pharmacy)).value();
    CHECK(rb.status == outbox_status::failed);
    CHECK(rb.last_error == refused);
    const auto rc = run_now(outbox->find(c, outbox_pharmacy)).value();
    CHECK(rc.status == outbox_status::delivered);
    REQUIRE(rc.delivered_at.has_value());
    CHECK(*rc.delivered_at == outbox_t0() + 2s);

    // The retry is due at its time, not before; delivered and failed records never again.
    CHECK(claim_now(*outbox, outbox_t0() + 29s, 10).empty());
    const auto retried = claim_now(*outbox, outbox_t0() + 30s, 10);
    REQUIRE(retried.size() == 1);
    CHECK(retried[0].id == a);
    CHECK(retried[0].attempts == 2);
    CHECK(retried[0].last_error == timeout);  // kept visible during the next attempt

    const auto counted = run_now(outbox->counts(outbox_t0() + 40s)).value();
    CHECK(counted.queued == 0);
    CHECK(counted.delivering == 1);
    CHECK(counted.delivered == 1);
    CHECK(counted.failed == 1);
    REQUIRE(counted.oldest_pending_age.has_value());
    CHECK(*counted.oldest_pending_age == 40s);
}

TEST_CASE("a discard is due only once the dispensation it undoes is delivered", "[outbox]") {
    outbox_file f;
    auto outbox = f.open();
    const std::string dispensed = enqueue_now(*outbox, outbox_entry_number(1)).id;
    outbox_entry discard = outbox_entry_number(1);
    discard.kind = outbox_kind::discard;
    discard.discards_id = dispensed;
    discard.ed_document_id = "2.999.752.1.9^ed-1-discard";
    const std::string discard_id = enqueue_now(*outbox, discard).id;
    CHECK(discard_id != dispensed);  // same dispatch id, another kind

    const auto first = claim_now(*outbox, outbox_t0(), 10);
    REQUIRE(first.size() == 1);
    CHECK(first[0].id == dispensed);
    REQUIRE(run_now(outbox->mark_delivered(dispensed, outbox_t0() + 1s)).value());
    const auto then = claim_now(*outbox, outbox_t0() + 1s, 10);
    REQUIRE(then.size() == 1);
    CHECK(then[0].id == discard_id);
    CHECK(then[0].entry.kind == outbox_kind::discard);
    CHECK(then[0].entry.discards_id == dispensed);

    // A discard of another pharmacy's dispensation, or of none, is refused.
    outbox_entry foreign = discard;
    foreign.pharmacy_gln = ncpeh::testing::other_pharmacy;
    auto refused = run_now(outbox->enqueue(foreign, outbox_t0()));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::dispensation_not_found);
}

TEST_CASE("two outboxes on one file never claim the same record", "[outbox]") {
    outbox_file f;
    constexpr int records = 300;
    {
        auto outbox = f.open();
        // Enqueued concurrently: many share a commit.
        boost::asio::io_context io;
        int stored = 0;
        for (int n = 0; n < records; ++n) {
            boost::asio::co_spawn(io, outbox->enqueue(outbox_entry_number(n), outbox_t0()),
                                  [&stored](std::exception_ptr, ncpeh::result<enqueued> r) {
                                      stored += r.has_value() ? 1 : 0;
                                  });
        }
        io.run();
        REQUIRE(stored == records);
        CHECK(outbox->commits() < static_cast<std::uint64_t>(records));
    }
    std::vector<std::string> claimed_by[2];
    std::vector<std::thread> deliverers;
    for (int t = 0; t < 2; ++t) {
        deliverers.emplace_back([&f, &claimed_by, t] {
            auto outbox = sqlite_dispensation_outbox::open(f.file).value();
            for (;;) {
                auto batch = run_now(outbox->claim_due(outbox_t0() + 1s, 7, 1h, {}));
                if (!batch || batch->empty()) {
                    return;
                }
                for (const outbox_record& r : *batch) {
                    claimed_by[t].push_back(r.id);
                }
            }
        });
    }
    for (auto& d : deliverers) {
        d.join();
    }
    std::set<std::string> all(claimed_by[0].begin(), claimed_by[0].end());
    all.insert(claimed_by[1].begin(), claimed_by[1].end());
    CHECK(claimed_by[0].size() + claimed_by[1].size() == records);
    CHECK(all.size() == records);  // no record twice
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
