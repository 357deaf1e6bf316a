#pragma once

// The tests every dispensation outbox passes, whatever keeps it: one body, run against
// `sqlite_dispensation_outbox` (sqlite_dispensation_outbox_test.cpp) and
// `postgres_dispensation_outbox` on a real PostgreSQL (postgres_dispensation_outbox_integration_
// test.cpp), each through an `outbox_factory`.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/ncp_b/dispensation_outbox.hpp"
#include "tests/gateway/ncp_b/outbox_test_support.hpp"

namespace ncpeh::testing {

/// Makes the outboxes of one implementation for the shared tests.
class outbox_factory {
  public:
    virtual ~outbox_factory() = default;
    /// An outbox on a new, empty database (the outboxes of the previous one are gone).
    virtual std::unique_ptr<gateway::ncp_b::dispensation_outbox> fresh() = 0;
    /// Another outbox on the database of the last `fresh()`, as another process (or ncpeh
    /// instance) opens it. Called on the test's thread; the outbox may be used from any thread.
    virtual std::unique_ptr<gateway::ncp_b::dispensation_outbox> another() = 0;
};

namespace outbox_contract_detail {

using namespace gateway::ncp_b;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

inline outbox_record enqueue_now(dispensation_outbox& outbox, outbox_entry entry,
                                 outbox_time at = outbox_t0()) {
    auto stored = run_now(outbox.enqueue(std::move(entry), at));
    REQUIRE(stored.has_value());
    REQUIRE_FALSE(stored->replayed);
    return stored->record;
}

inline std::vector<outbox_record> claim_now(dispensation_outbox& outbox, outbox_time at,
                                            std::size_t limit, milliseconds lease = 60s) {
    auto claimed = run_now(outbox.claim_due(at, limit, lease, {}));
    REQUIRE(claimed.has_value());
    return std::move(*claimed);
}

inline std::set<std::string> ids_of(const std::vector<outbox_record>& records) {
    std::set<std::string> ids;
    for (const outbox_record& r : records) {
        ids.insert(r.id);
    }
    return ids;
}

inline void found_with_every_field(outbox_factory& make) {
    auto outbox = make.fresh();
    const outbox_entry entry = outbox_entry_number(1);
    const outbox_record stored = enqueue_now(*outbox, entry);

    CHECK(stored.id.size() == 32);
    CHECK(stored.id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(stored.entry == entry);
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

    // Text that would be SQL stays data, byte for byte (quotes, backslashes, non-ASCII).
    outbox_entry odd = outbox_entry_number(2);
    odd.pharmacist.name = "Örjan O'Test\\\"); DROP TABLE x; --";
    odd.ed_cda = "<ClinicalDocument>\xc3\xa5\xc3\xa4\xc3\xb6 ' \" \\ {a,b}</ClinicalDocument>";
    const outbox_record stored_odd = enqueue_now(*outbox, odd);
    CHECK(run_now(outbox->find(stored_odd.id, outbox_pharmacy)).value().entry == odd);
}

inline void replay_of_the_first_record(outbox_factory& make) {
    auto outbox = make.fresh();
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
    const outbox_record other = enqueue_now(*outbox, outbox_entry_number(1, other_pharmacy));
    CHECK(other.id != first.id);

    auto counted = run_now(outbox->counts(outbox_t0() + 10s));
    REQUIRE(counted.has_value());
    CHECK(counted->queued == 2);
    REQUIRE(counted->oldest_pending_age.has_value());
    CHECK(*counted->oldest_pending_age == 10s);
    // Only one delivery: one claim gets each record once.
    CHECK(claim_now(*outbox, outbox_t0() + 10s, 10).size() == 2);
}

inline void replay_across_instances(outbox_factory& make) {
    // Two instances receive the same dispensation at the same moment (a pharmacy retrying on
    // another connection): one record, the other answer is its replay.
    auto first = make.fresh();
    auto second = make.another();
    constexpr int dispatches = 20;
    std::vector<result<enqueued>> from_first;
    std::vector<result<enqueued>> from_second;
    std::thread other([&] {
        for (int n = 0; n < dispatches; ++n) {
            from_second.push_back(run_now(second->enqueue(outbox_entry_number(n), outbox_t0())));
        }
    });
    for (int n = 0; n < dispatches; ++n) {
        from_first.push_back(run_now(first->enqueue(outbox_entry_number(n), outbox_t0())));
    }
    other.join();
    for (int n = 0; n < dispatches; ++n) {
        const auto& a = from_first[static_cast<std::size_t>(n)];
        const auto& b = from_second[static_cast<std::size_t>(n)];
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(a->record.id == b->record.id);
        CHECK(a->replayed != b->replayed);  // exactly one stored it
        CHECK(b->record.entry == outbox_entry_number(n));
    }
    CHECK(run_now(first->counts(outbox_t0())).value().queued == dispatches);
}

inline void another_pharmacy_sees_nothing(outbox_factory& make) {
    auto outbox = make.fresh();
    const outbox_record stored = enqueue_now(*outbox, outbox_entry_number(1));
    auto seen = run_now(outbox->find(stored.id, other_pharmacy));
    REQUIRE_FALSE(seen.has_value());
    CHECK(seen.error().code == errc::dispensation_not_found);
    CHECK(seen.error().context_value("dispensation") == stored.id);
    auto unknown = run_now(outbox->find("0123456789abcdef0123456789abcdef", outbox_pharmacy));
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == errc::dispensation_not_found);
}

inline void entry_without_keys_refused(outbox_factory& make) {
    auto outbox = make.fresh();
    outbox_entry no_gln = outbox_entry_number(1);
    no_gln.pharmacy_gln.clear();
    auto refused = run_now(outbox->enqueue(no_gln, outbox_t0()));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::invalid_argument);
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

    outbox_entry dispensation_discarding = outbox_entry_number(4);
    dispensation_discarding.discards_id = "0123456789abcdef0123456789abcdef";
    auto refused_dispensation = run_now(outbox->enqueue(dispensation_discarding, outbox_t0()));
    REQUIRE_FALSE(refused_dispensation.has_value());
    CHECK(refused_dispensation.error().code == errc::invalid_argument);
    CHECK(refused_dispensation.error().context_value("field") == "discards_id");

    CHECK(run_now(outbox->counts(outbox_t0())).value().queued == 0);
}

inline void survives_its_process(outbox_factory& make) {
    auto outbox = make.fresh();
    const std::string id = enqueue_now(*outbox, outbox_entry_number(7)).id;
    auto reopened = make.another();
    outbox.reset();  // the process ends
    const auto due = claim_now(*reopened, outbox_t0(), 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == id);
    CHECK(due[0].entry == outbox_entry_number(7));
    CHECK(due[0].status == outbox_status::delivering);
    CHECK(due[0].attempts == 1);
}

inline void due_time_limit_and_lease(outbox_factory& make) {
    auto outbox = make.fresh();
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
    CHECK(two[0].status == outbox_status::delivering);
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
    // `claim` of one record: not while it is leased, and not a record that does not exist.
    CHECK_FALSE(run_now(outbox->claim(ids[0], outbox_t0() + 70s, 60s)).value().has_value());
    CHECK_FALSE(run_now(outbox->claim("0123456789abcdef0123456789abcdef", outbox_t0() + 70s, 60s))
                    .value()
                    .has_value());
    const auto one = run_now(outbox->claim(ids[2], outbox_t0() + 20ms + 60s, 5s)).value();
    REQUIRE(one.has_value());
    CHECK(one->id == ids[2]);
    CHECK(one->attempts == 2);
    CHECK(one->next_attempt_at == outbox_t0() + 20ms + 65s);
}

inline void held_countries_left_alone(outbox_factory& make) {
    auto outbox = make.fresh();
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

inline void marks_of_the_holding_claim(outbox_factory& make) {
    auto outbox = make.fresh();
    const std::string a = enqueue_now(*outbox, outbox_entry_number(1)).id;
    const std::string b = enqueue_now(*outbox, outbox_entry_number(2)).id;
    const std::string c = enqueue_now(*outbox, outbox_entry_number(3)).id;
    REQUIRE(claim_now(*outbox, outbox_t0(), 10).size() == 3);

    const outbox_error timeout{"foreign_ncp_timeout", "no answer within 30 s"};
    CHECK_FALSE(run_now(outbox->mark_retry(a, 2, timeout, outbox_t0() + 30s)).value());  // no
    REQUIRE(run_now(outbox->mark_retry(a, 1, timeout, outbox_t0() + 30s)).value());
    const outbox_error refused{"foreign_ncp_refused", "refused [remote_code=4105]"};
    REQUIRE(run_now(outbox->mark_failed(b, 1, refused)).value());
    REQUIRE(run_now(outbox->mark_delivered(c, outbox_t0() + 2s)).value());
    CHECK_FALSE(run_now(outbox->mark_delivered(c, outbox_t0() + 3s)).value());  // once
    CHECK_FALSE(
        run_now(outbox->mark_delivered("0123456789abcdef0123456789abcdef", outbox_t0())).value());

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

inline void discard_after_its_dispensation(outbox_factory& make) {
    auto outbox = make.fresh();
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
    foreign.pharmacy_gln = other_pharmacy;
    auto refused = run_now(outbox->enqueue(foreign, outbox_t0()));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::dispensation_not_found);
    CHECK(refused.error().context_value("dispensation") == dispensed);
    outbox_entry of_nothing = discard;
    of_nothing.dispatch_id = "A-99";
    of_nothing.discards_id = "0123456789abcdef0123456789abcdef";
    auto refused_nothing = run_now(outbox->enqueue(of_nothing, outbox_t0()));
    REQUIRE_FALSE(refused_nothing.has_value());
    CHECK(refused_nothing.error().code == errc::dispensation_not_found);
    // A discard of a discard is no discard of a dispensation.
    outbox_entry of_discard = discard;
    of_discard.dispatch_id = "A-98";
    of_discard.discards_id = discard_id;
    CHECK(run_now(outbox->enqueue(of_discard, outbox_t0())).error().code ==
          errc::dispensation_not_found);
}

inline void instances_never_claim_the_same_record(outbox_factory& make) {
    constexpr int records = 300;
    auto first = make.fresh();
    // Enqueued concurrently, 25 at a time (within what a small pool's queue takes at once).
    int stored = 0;
    for (int chunk = 0; chunk < records; chunk += 25) {
        boost::asio::io_context io;
        for (int n = chunk; n < chunk + 25; ++n) {
            boost::asio::co_spawn(io, first->enqueue(outbox_entry_number(n), outbox_t0()),
                                  [&stored](std::exception_ptr, result<enqueued> r) {
                                      stored += r.has_value() ? 1 : 0;
                                  });
        }
        io.run();
    }
    REQUIRE(stored == records);
    std::unique_ptr<dispensation_outbox> instances[2] = {std::move(first), make.another()};
    std::vector<std::string> claimed_by[2];
    std::string failures[2];
    std::vector<std::thread> deliverers;
    for (int t = 0; t < 2; ++t) {
        deliverers.emplace_back([&instances, &claimed_by, &failures, t] {
            for (;;) {
                auto batch = run_now(instances[t]->claim_due(outbox_t0() + 1s, 7, 1h, {}));
                if (!batch) {
                    failures[t] = batch.error().describe();
                    return;
                }
                if (batch->empty()) {
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
    CHECK(failures[0].empty());
    CHECK(failures[1].empty());
    std::set<std::string> all(claimed_by[0].begin(), claimed_by[0].end());
    all.insert(claimed_by[1].begin(), claimed_by[1].end());
    CHECK(claimed_by[0].size() + claimed_by[1].size() == records);
    CHECK(all.size() == records);  // no record twice
}

}  // namespace outbox_contract_detail

/// Runs every shared outbox test against the outboxes `make` gives, one after the other (each on
/// a fresh database); a failure names the test.
inline void check_outbox_contract(outbox_factory& make) {
    namespace d = outbox_contract_detail;
    const std::vector<std::pair<const char*, void (*)(outbox_factory&)>> tests = {
        {"an enqueued dispensation is found with every field", d::found_with_every_field},
        {"the same pharmacy, dispatch id and kind again is a replay of the first record",
         d::replay_of_the_first_record},
        {"two instances enqueueing the same dispensation store one record",
         d::replay_across_instances},
        {"a pharmacy does not see another pharmacy's dispensation",
         d::another_pharmacy_sees_nothing},
        {"an entry without its keys is refused", d::entry_without_keys_refused},
        {"a queued dispensation survives the process that queued it", d::survives_its_process},
        {"claim_due respects the due time, the limit and the lease", d::due_time_limit_and_lease},
        {"claim_due leaves the records of held partner countries alone",
         d::held_countries_left_alone},
        {"marks record retries, failures and deliveries of the claim that holds the record",
         d::marks_of_the_holding_claim},
        {"a discard is due only once the dispensation it undoes is delivered",
         d::discard_after_its_dispensation},
        {"two instances never claim the same record", d::instances_never_claim_the_same_record},
    };
    for (const auto& [name, test] : tests) {
        INFO("outbox contract: " << name);
        test(make);
    }
}

}  // namespace ncpeh::testing
