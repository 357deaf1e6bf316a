#include "gateway/audit/patient_access.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "tests/support/test_files.hpp"

namespace {

namespace net = boost::asio;
using namespace ncpeh::gateway::audit;

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

void record_all(sqlite_audit_trail& trail, const std::vector<audit_event>& events) {
    for (const audit_event& e : events) {
        net::io_context io;
        auto done = net::co_spawn(io, trail.record(e), net::use_future);
        io.run();
        REQUIRE(done.get().has_value());
    }
}

std::vector<std::string> message_ids(const patient_access_page& page) {
    std::vector<std::string> out;
    for (const audit_event& e : page.events) {
        out.push_back(e.message_id);
    }
    return out;
}

patient_access_query query_of(std::string patient, std::size_t limit,
                              std::optional<access_cursor> after = std::nullopt) {
    return {std::move(patient), country_a, after, limit};
}

}  // namespace

TEST_CASE("access cursors are written and read back; anything else is refused", "[audit-access]") {
    const access_cursor cursor{1795000000123, 42};
    CHECK(format_access_cursor(cursor) == "1795000000123.42");
    CHECK(parse_access_cursor("1795000000123.42") == cursor);
    CHECK(parse_access_cursor("0.0") == access_cursor{0, 0});
    for (const std::string bad :
         {"", ".", "1795000000123", "1795000000123.", ".42", "-1.42", "1.-42", "1.4 2", " 1.42",
          "1.42 ", "1.2.3", "0x10.1", "1e3.1", "1234567890123456789.1", "1.1234567890123456789",
          "1795000000123%2E42"}) {
        INFO(bad);
        CHECK_FALSE(parse_access_cursor(bad).has_value());
    }
}

TEST_CASE("a patient's access log: their country-A rows only, newest first, paged",
          "[audit-access]") {
    ncpeh::testing::temp_dir dir;
    auto trail = sqlite_audit_trail::open(dir.path() / "audit.db").value();
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
    const audit_event& newest = all.events.front();
    CHECK(newest.transaction == "xdr-discard");
    CHECK(newest.partner_country == "FI");
    CHECK(newest.requester == "Fiktiivinen Farmaseutti");
    CHECK(newest.requester_role == "2262");
    CHECK(newest.requester_organisation == "Apteekki Esimerkki");
    CHECK(newest.outcome == outcome::success);

    SECTION("pages of two, each continuing where the last ended") {
        const auto first = trail->patient_access(query_of(tolvan, 2)).value();
        CHECK(message_ids(first) == std::vector<std::string>{"urn:uuid:msg-11", "urn:uuid:msg-10"});
        REQUIRE(first.next.has_value());
        const auto second = trail->patient_access(query_of(tolvan, 2, first.next)).value();
        CHECK(message_ids(second) == std::vector<std::string>{"urn:uuid:msg-8", "urn:uuid:msg-2"});
        REQUIRE(second.next.has_value());
        const auto third = trail->patient_access(query_of(tolvan, 2, second.next)).value();
        CHECK(message_ids(third) == std::vector<std::string>{"urn:uuid:msg-1"});
        CHECK_FALSE(third.next.has_value());
        // A page that ends exactly with the last row says there is no more.
        const auto exact = trail->patient_access(query_of(tolvan, 5)).value();
        CHECK(exact.events.size() == 5);
        CHECK_FALSE(exact.next.has_value());
    }
    SECTION("the other identities find their own rows, never Tolvan's") {
        const auto coordination = trail->patient_access(query_of(samordning, 10)).value();
        CHECK(message_ids(coordination) == std::vector<std::string>{"urn:uuid:msg-9"});
        const auto nobody =
            trail->patient_access(query_of("190101019982^^^&1.2.752.129.2.1.3.1&ISO", 10)).value();
        CHECK(nobody.events.empty());
        CHECK_FALSE(nobody.next.has_value());
        // The CX is matched as a whole: no wildcard of SQL LIKE or a prefix finds anything.
        for (const std::string& pattern :
             {std::string("%"), std::string("191212121212%"), std::string("191212121212"),
              std::string("191212121212^^^&1.2.752.129.2.1.3.1&IS_")}) {
            INFO(pattern);
            CHECK(trail->patient_access(query_of(pattern, 10)).value().events.empty());
        }
    }
    SECTION("only the transactions asked for; none asked, none answered") {
        patient_access_query dispensing = query_of(tolvan, 10);
        dispensing.transactions = {"xdr-dispense", "xdr-discard"};
        CHECK(message_ids(trail->patient_access(dispensing).value()) ==
              std::vector<std::string>{"urn:uuid:msg-11", "urn:uuid:msg-10"});
        dispensing.transactions.clear();
        CHECK(trail->patient_access(dispensing).value().events.empty());
    }
}

TEST_CASE("rows of the same millisecond page in order; a started row shows only without a follower",
          "[audit-access]") {
    ncpeh::testing::temp_dir dir;
    auto trail = sqlite_audit_trail::open(dir.path() / "audit.db").value();
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
