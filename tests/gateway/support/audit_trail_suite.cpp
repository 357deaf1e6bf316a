#include "tests/gateway/support/audit_trail_suite.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ncpeh::testing {

namespace {

namespace net = boost::asio;
using namespace gateway::audit;
using outcomes = std::vector<std::optional<result<void>>>;

// A retrieve from Finland at millisecond `n` of a fictional day; the odd ones failed.
audit_event event_number(int n) {
    audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'000 + n));
    e.transaction = "xca-retrieve";
    e.partner_country = "FI";
    e.message_id = "urn:uuid:msg-" + std::to_string(n);
    e.hcp_assertion_id = "_hcp";
    e.trc_assertion_id = "_trc";
    e.requester = "fictional pharmacist";
    e.requester_role = "2262";
    e.requester_organisation = "Apteekki Esimerkki";
    e.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    e.document_ids = {"2.999.752.1.2.9^rx" + std::to_string(n) + ".L3", "2.999.752.1.2.9^second"};
    if (n % 2 == 1) {
        e.outcome = outcome::failure;
        e.error_code = "4103";
        e.error_name = "national_store_unreachable";
    }
    return e;
}

// Every field kept by the trail, to compare a stored event with the one recorded.
std::string all_fields(const audit_event& e) {
    std::string out = std::to_string(e.at.time_since_epoch().count());
    for (const std::string& field :
         {e.transaction, e.partner_country, e.message_id, e.hcp_assertion_id, e.trc_assertion_id,
          e.requester, e.requester_role, e.requester_organisation, e.patient_id,
          std::string(name_of(e.outcome)), e.error_code, e.error_name}) {
        out += '|' + field;
    }
    for (const std::string& id : e.document_ids) {
        out += '|' + id;
    }
    return out;
}

result<void> record_now(audit_trail& trail, audit_event event) {
    net::io_context io;
    auto done = net::co_spawn(io, trail.record(std::move(event)), net::use_future);
    io.run();
    return done.get();
}

template <class T>
T await_now(net::awaitable<T> work) {
    net::io_context io;
    auto done = net::co_spawn(io, std::move(work), net::use_future);
    io.run();
    return done.get();
}

net::awaitable<void> record_into(audit_trail& trail, audit_event event,
                                 std::optional<result<void>>& outcome) {
    outcome = co_await trail.record(std::move(event));
}

std::vector<std::string> message_ids(const std::vector<audit_event>& events) {
    std::vector<std::string> out;
    for (const audit_event& e : events) {
        out.push_back(e.message_id);
    }
    return out;
}

// --- the patient access log ----------------------------------------------------------------

const std::string tolvan = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
const std::vector<std::string> country_a = {"xcpd", "xca-list", "xca-retrieve", "xdr-dispense",
                                            "xdr-discard"};

// A country-A event about `patient` at second `second` of a fictional day.
audit_event event_at(int second, std::string transaction, std::string patient = tolvan,
                     std::string message_id = {}) {
    audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::seconds(1'795'000'000 + second));
    e.transaction = std::move(transaction);
    e.partner_country = "FI";
    e.message_id = message_id.empty() ? "urn:uuid:msg-" + std::to_string(second) : message_id;
    e.requester = "Fiktiivinen Farmaseutti";
    e.requester_role = "2262";
    e.requester_organisation = "Apteekki Esimerkki";
    e.patient_id = std::move(patient);
    return e;
}

void record_all(audit_trail& trail, const std::vector<audit_event>& events) {
    for (const audit_event& e : events) {
        REQUIRE(record_now(trail, e).has_value());
    }
}

std::vector<std::string> message_ids(const patient_access_page& page) {
    return message_ids(page.events);
}

patient_access_query query_of(std::string patient, std::size_t limit,
                              std::optional<access_cursor> after = std::nullopt) {
    return {std::move(patient), country_a, after, limit};
}

// --- the spool -----------------------------------------------------------------------------

audit_event spool_event(int n) {
    audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'000 + n));
    e.transaction = n % 3 == 0 ? "ops-unmask" : "xca-list";
    e.message_id = "urn:uuid:msg-" + std::to_string(n);
    return e;
}

// Two messages per cross-border event, none for the others: what the renderer gives is spooled.
atna_renderer two_per_transaction() {
    return [](const audit_event& e) {
        std::vector<std::string> out;
        if (e.transaction != "ops-unmask") {
            out = {e.message_id + "/a", e.message_id + "/b"};
        }
        return out;
    };
}

std::vector<std::string> messages_of(const std::vector<spooled_message>& spooled) {
    std::vector<std::string> out;
    for (const auto& m : spooled) {
        out.push_back(m.message);
    }
    return out;
}

}  // namespace

void check_records_in_order(audit_trail_backend& backend) {
    auto trail = backend.open();
    CHECK(trail->newest(10).value().empty());
    for (int n = 0; n < 60; ++n) {
        REQUIRE(record_now(*trail, event_number(n)).has_value());
    }
    const auto newest = trail->newest(2).value();
    REQUIRE(newest.size() == 2);
    CHECK(all_fields(newest[0]) == all_fields(event_number(59)));
    CHECK(all_fields(newest[1]) == all_fields(event_number(58)));
    const auto all = trail->newest(1000).value();
    REQUIRE(all.size() == 60);
    CHECK(all_fields(all.back()) == all_fields(event_number(0)));
    const auto awaited = await_now(trail->async_newest(3)).value();
    CHECK(message_ids(awaited) ==
          std::vector<std::string>{"urn:uuid:msg-59", "urn:uuid:msg-58", "urn:uuid:msg-57"});
    CHECK(trail->check_writable().has_value());
}

void check_concurrent_records(audit_trail_backend& backend) {
    auto trail = backend.open();
    net::io_context io(2);
    outcomes out(300);
    for (int i = 0; i < 300; ++i) {
        net::co_spawn(io, record_into(*trail, event_number(i), out[static_cast<std::size_t>(i)]),
                      net::detached);
    }
    std::thread second([&io] { io.run(); });
    io.run();
    second.join();

    std::size_t succeeded = 0;
    for (const auto& o : out) {
        succeeded += o && o->has_value() ? 1 : 0;
    }
    CHECK(succeeded == 300);
    const auto stored = trail->newest(1000).value();
    REQUIRE(stored.size() == 300);
    std::set<std::string> seen;
    for (const audit_event& e : stored) {
        const int n = std::stoi(e.message_id.substr(std::string("urn:uuid:msg-").size()));
        CHECK(all_fields(e) == all_fields(event_number(n)));
        seen.insert(e.message_id);
    }
    CHECK(seen.size() == 300);
}

void check_outcomes_kept(audit_trail_backend& backend) {
    auto trail = backend.open();
    audit_event started = event_number(0);
    started.outcome = outcome::started;
    REQUIRE(record_now(*trail, started).has_value());
    REQUIRE(record_now(*trail, event_number(1)).has_value());
    REQUIRE(record_now(*trail, event_number(2)).has_value());
    const auto stored = trail->newest(3).value();
    REQUIRE(stored.size() == 3);
    CHECK(stored[0].outcome == outcome::success);
    CHECK(stored[1].outcome == outcome::failure);
    CHECK(stored[1].error_code == "4103");
    CHECK(stored[2].outcome == outcome::started);
    // An event without documents, country or patient keeps them empty.
    audit_event bare;
    bare.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1));
    bare.transaction = "ops-unmask";
    bare.requester = "loopback 127.0.0.1";
    REQUIRE(record_now(*trail, bare).has_value());
    const auto newest = trail->newest(1).value();
    REQUIRE(newest.size() == 1);
    CHECK(all_fields(newest[0]) == all_fields(bare));
    CHECK(newest[0].document_ids.empty());
}

void check_transaction_counts(audit_trail_backend& backend) {
    using namespace std::chrono;
    auto trail = backend.open();
    const auto at = [](sys_days day, int second) { return day + seconds(second); };
    const sys_days nov1{year(2026) / November / 1};
    const sys_days nov30{year(2026) / November / 30};
    const sys_days dec1{year(2026) / December / 1};
    const sys_days jan1{year(2027) / January / 1};
    const auto event = [](system_clock::time_point when, std::string country,
                          std::string transaction, outcome how) {
        audit_event e;
        e.at = when;
        e.partner_country = std::move(country);
        e.transaction = std::move(transaction);
        e.outcome = how;
        e.message_id = "urn:uuid:kpi";
        return e;
    };
    record_all(*trail, {
                           event(at(nov1, 0), "FI", "xcpd", outcome::success),
                           event(at(nov1, 5), "FI", "xcpd", outcome::success),
                           event(at(nov1, 6), "FI", "xcpd", outcome::failure),
                           event(at(nov30, 86399), "FI", "xca-list", outcome::success),
                           event(at(nov30, 86399), "CZ", "xcpd", outcome::success),
                           event(at(nov30, 100), "FI", "xdr-dispense", outcome::started),
                           event(at(nov30, 101), "FI", "xdr-dispense", outcome::success),
                           event(at(dec1, 0), "FI", "xcpd", outcome::success),
                           event(at(dec1, 1), "", "ops-unmask", outcome::success),
                           event(at(jan1, 0), "FI", "xcpd", outcome::success),   // `to` excluded
                           event(at(nov1, -1), "FI", "xcpd", outcome::success),  // before `from`
                       });
    const auto counts = trail->count_transactions(nov1, jan1).value();
    std::vector<std::string> lines;
    for (const transaction_count& c : counts) {
        lines.push_back(c.month + " " + c.country + " " + c.transaction + " " +
                        std::string(name_of(c.outcome)) + " " + std::to_string(c.count));
    }
    CHECK(lines == std::vector<std::string>{
                       "2026-11 CZ xcpd success 1",
                       "2026-11 FI xca-list success 1",
                       "2026-11 FI xcpd failure 1",
                       "2026-11 FI xcpd success 2",
                       "2026-11 FI xdr-dispense success 1",
                       "2026-12  ops-unmask success 1",
                       "2026-12 FI xcpd success 1",
                   });
    const auto awaited = await_now(trail->async_count_transactions(dec1, jan1)).value();
    REQUIRE(awaited.size() == 2);
    CHECK(awaited[1].country == "FI");
    CHECK(awaited[1].count == 1);
    CHECK(trail->count_transactions(jan1, jan1 + days(1)).value().size() == 1);
    CHECK(trail->count_transactions(jan1 + days(1), jan1 + days(2)).value().empty());
}

void check_patient_access(audit_trail_backend& backend) {
    auto trail = backend.open();
    const std::string samordning = "196109732393^^^&1.2.752.129.2.1.3.3&ISO";
    record_all(*trail, {
                           event_at(1, "xcpd"),
                           event_at(2, "xca-list"),
                           // Other patients: a longer number that contains Tolvan's, the same
                           // digits under another root, a swapped CX, and a country-B call of ours.
                           event_at(3, "xca-list", "1912121212120^^^&1.2.752.129.2.1.3.1&ISO"),
                           event_at(4, "xca-list", "191212121212^^^&1.2.752.129.2.1.3.3&ISO"),
                           event_at(5, "xca-list", "1.2.752.129.2.1.3.1^^^&191212121212&ISO"),
                           event_at(6, "ncp-b-xca-list", tolvan),
                           event_at(7, "ops-unmask", tolvan),
                           event_at(8, "xca-retrieve"),
                           event_at(9, "xca-list", samordning),
                           event_at(10, "xdr-dispense"),
                           event_at(11, "xdr-discard"),
                       });

    const auto all = trail->patient_access(query_of(tolvan, 100)).value();
    CHECK(message_ids(all) == std::vector<std::string>{"urn:uuid:msg-11", "urn:uuid:msg-10",
                                                       "urn:uuid:msg-8", "urn:uuid:msg-2",
                                                       "urn:uuid:msg-1"});
    CHECK_FALSE(all.next.has_value());
    REQUIRE_FALSE(all.events.empty());
    const audit_event& newest = all.events.front();
    CHECK(newest.transaction == "xdr-discard");
    CHECK(newest.partner_country == "FI");
    CHECK(newest.requester == "Fiktiivinen Farmaseutti");
    CHECK(newest.requester_role == "2262");
    CHECK(newest.requester_organisation == "Apteekki Esimerkki");
    CHECK(newest.outcome == outcome::success);
    {
        INFO("pages of two, each continuing where the last ended");
        const auto first = trail->patient_access(query_of(tolvan, 2)).value();
        CHECK(message_ids(first) == std::vector<std::string>{"urn:uuid:msg-11", "urn:uuid:msg-10"});
        REQUIRE(first.next.has_value());
        const auto second = trail->patient_access(query_of(tolvan, 2, first.next)).value();
        CHECK(message_ids(second) == std::vector<std::string>{"urn:uuid:msg-8", "urn:uuid:msg-2"});
        REQUIRE(second.next.has_value());
        const auto third =
            await_now(trail->async_patient_access(query_of(tolvan, 2, second.next))).value();
        CHECK(message_ids(third) == std::vector<std::string>{"urn:uuid:msg-1"});
        CHECK_FALSE(third.next.has_value());
        // A page that ends exactly with the last row says there is no more.
        const auto exact = trail->patient_access(query_of(tolvan, 5)).value();
        CHECK(exact.events.size() == 5);
        CHECK_FALSE(exact.next.has_value());
    }
    {
        INFO("the other identities find their own rows, never Tolvan's");
        const auto coordination = trail->patient_access(query_of(samordning, 10)).value();
        CHECK(message_ids(coordination) == std::vector<std::string>{"urn:uuid:msg-9"});
        const auto nobody =
            trail->patient_access(query_of("190101019982^^^&1.2.752.129.2.1.3.1&ISO", 10)).value();
        CHECK(nobody.events.empty());
        CHECK_FALSE(nobody.next.has_value());
        // The CX is matched as a whole: no wildcard of SQL LIKE or a prefix finds anything.
        for (const std::string& pattern :
             {std::string("%"), std::string("191212121212%"), std::string("191212121212"),
              std::string("191212121212^^^&1.2.752.129.2.1.3.1&IS_"), std::string("' OR ''='")}) {
            INFO(pattern);
            CHECK(trail->patient_access(query_of(pattern, 10)).value().events.empty());
        }
    }
    {
        INFO("only the transactions asked for; none asked, none answered");
        patient_access_query dispensing = query_of(tolvan, 10);
        dispensing.transactions = {"xdr-dispense", "xdr-discard"};
        CHECK(message_ids(trail->patient_access(dispensing).value()) ==
              std::vector<std::string>{"urn:uuid:msg-11", "urn:uuid:msg-10"});
        dispensing.transactions.clear();
        CHECK(trail->patient_access(dispensing).value().events.empty());
        CHECK(trail->patient_access(query_of(tolvan, 0)).value().events.empty());
    }
}

void check_patient_access_same_millisecond(audit_trail_backend& backend) {
    auto trail = backend.open();
    auto started = event_at(20, "xdr-dispense", tolvan, "urn:uuid:dispense-1");
    started.outcome = outcome::started;
    auto refused = event_at(20, "xdr-dispense", tolvan, "urn:uuid:dispense-1");
    refused.outcome = outcome::failure;
    refused.error_code = "4106";
    refused.error_name = "eprescription_already_dispensed";
    // The process ended between this start and its outcome.
    auto interrupted = event_at(30, "xdr-dispense", tolvan, "urn:uuid:dispense-2");
    interrupted.outcome = outcome::started;
    record_all(*trail,
               {event_at(10, "xca-list", tolvan, "urn:uuid:a"),
                event_at(10, "xca-list", tolvan, "urn:uuid:b"),
                event_at(10, "xca-list", tolvan, "urn:uuid:c"), started, refused, interrupted});

    const auto all = trail->patient_access(query_of(tolvan, 10)).value();
    CHECK(message_ids(all) == std::vector<std::string>{"urn:uuid:dispense-2", "urn:uuid:dispense-1",
                                                       "urn:uuid:c", "urn:uuid:b", "urn:uuid:a"});
    REQUIRE(all.events.size() == 5);
    CHECK(all.events[0].outcome == outcome::started);
    CHECK(all.events[1].outcome == outcome::failure);
    CHECK(all.events[1].error_name == "eprescription_already_dispensed");

    // Paging one at a time through the three rows of one millisecond loses and repeats nothing.
    std::vector<std::string> seen;
    std::optional<access_cursor> after;
    for (int page = 0; page < 10; ++page) {
        const auto one = trail->patient_access(query_of(tolvan, 1, after)).value();
        REQUIRE(one.events.size() == 1);
        seen.push_back(one.events.front().message_id);
        if (!one.next) {
            break;
        }
        after = one.next;
    }
    CHECK(seen == message_ids(all));
}

void check_spool_written_with_events(audit_trail_backend& backend) {
    std::atomic<int> woken = 0;
    {
        auto trail = backend.open();
        // Nothing is spooled before the export is set up.
        REQUIRE(record_now(*trail, spool_event(1)).has_value());
        trail->spool_for_atna(two_per_transaction(), [&woken] { ++woken; });
        for (int n = 2; n <= 5; ++n) {
            REQUIRE(record_now(*trail, spool_event(n)).has_value());
        }
        CHECK(woken == 3);  // event 3 is no transaction: nothing spooled, nobody woken
        trail->spool_for_atna({}, {});
        REQUIRE(record_now(*trail, spool_event(7)).has_value());  // not spooled, nobody woken
        CHECK(woken == 3);
    }
    auto reopened = backend.open();
    const auto spooled = reopened->undelivered(100).value();
    CHECK(messages_of(spooled) == std::vector<std::string>{"urn:uuid:msg-2/a", "urn:uuid:msg-2/b",
                                                           "urn:uuid:msg-4/a", "urn:uuid:msg-4/b",
                                                           "urn:uuid:msg-5/a", "urn:uuid:msg-5/b"});
    for (std::size_t i = 1; i < spooled.size(); ++i) {
        CHECK(spooled[i].seq > spooled[i - 1].seq);
    }
    REQUIRE_FALSE(spooled.empty());
    CHECK(spooled[0].at == spool_event(2).at);
    const auto backlog = reopened->backlog().value();
    CHECK(backlog.messages == 6);
    CHECK(backlog.oldest == spool_event(2).at);
    CHECK(reopened->newest(10).value().size() == 6);
}

void check_spool_delivery(audit_trail_backend& backend) {
    auto trail = backend.open();
    trail->spool_for_atna(two_per_transaction(), [] {});
    for (int n = 1; n <= 5; ++n) {
        REQUIRE(record_now(*trail, spool_event(n)).has_value());
    }
    const auto first = trail->undelivered(3).value();
    REQUIRE(messages_of(first) ==
            std::vector<std::string>{"urn:uuid:msg-1/a", "urn:uuid:msg-1/b", "urn:uuid:msg-2/a"});
    REQUIRE(trail->mark_delivered(first.back().seq).has_value());
    const auto rest = await_now(trail->async_undelivered(100)).value();
    CHECK(messages_of(rest) == std::vector<std::string>{"urn:uuid:msg-2/b", "urn:uuid:msg-4/a",
                                                        "urn:uuid:msg-4/b", "urn:uuid:msg-5/a",
                                                        "urn:uuid:msg-5/b"});
    CHECK(trail->backlog().value().oldest == spool_event(2).at);
    CHECK(await_now(trail->async_backlog()).value().messages == 5);
    // Marking again (a retry after a lost acknowledgement of the database) changes nothing.
    REQUIRE(trail->mark_delivered(first.back().seq).has_value());
    CHECK(trail->undelivered(100).value().size() == 5);
    REQUIRE(rest.size() == 5);
    REQUIRE(await_now(trail->async_mark_delivered(rest[1].seq)).has_value());
    CHECK(messages_of(trail->undelivered(100).value()) ==
          std::vector<std::string>{"urn:uuid:msg-4/b", "urn:uuid:msg-5/a", "urn:uuid:msg-5/b"});
    REQUIRE(trail->mark_delivered(rest.back().seq).has_value());
    CHECK(trail->undelivered(100).value().empty());
    const auto empty = trail->backlog().value();
    CHECK(empty.messages == 0);
    CHECK_FALSE(empty.oldest.has_value());
    trail->spool_for_atna({}, {});
}

void check_spool_fails_with_event(audit_trail_backend& backend) {
    auto trail = backend.open();
    trail->spool_for_atna(
        [](const audit_event& e) -> std::vector<std::string> {
            if (e.message_id == "urn:uuid:msg-2") {
                throw std::runtime_error("renderer failed");
            }
            return {e.message_id};
        },
        [] {});
    REQUIRE(record_now(*trail, spool_event(1)).has_value());
    const auto refused = record_now(*trail, spool_event(2));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::internal);
    CHECK(trail->newest(10).value().size() == 1);
    CHECK(messages_of(trail->undelivered(10).value()) ==
          std::vector<std::string>{"urn:uuid:msg-1"});
    trail->spool_for_atna({}, {});
}

}  // namespace ncpeh::testing
