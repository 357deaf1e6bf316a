// The ATNA spool inside the SQLite audit trail: written with the events, in order, kept across
// a reopen, cleared only up to what was delivered.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "tests/support/test_files.hpp"

namespace {

namespace net = boost::asio;
using namespace ncpeh::gateway::audit;

audit_event event_number(int n) {
    audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'000 + n));
    e.transaction = n % 3 == 0 ? "ops-unmask" : "xca-list";
    e.message_id = "urn:uuid:msg-" + std::to_string(n);
    return e;
}

ncpeh::result<void> record_now(sqlite_audit_trail& trail, audit_event event) {
    net::io_context io;
    auto done = net::co_spawn(io, trail.record(std::move(event)), net::use_future);
    io.run();
    return done.get();
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

TEST_CASE("ATNA spool: messages are spooled with their events, in order, and survive a reopen") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.path() / "audit.db";
    std::atomic<int> woken = 0;
    {
        auto trail = sqlite_audit_trail::open(file).value();
        // Nothing is spooled before the export is set up.
        REQUIRE(record_now(*trail, event_number(1)).has_value());
        trail->spool_for_atna(two_per_transaction(), [&woken] { ++woken; });
        for (int n = 2; n <= 5; ++n) {
            REQUIRE(record_now(*trail, event_number(n)).has_value());
        }
        CHECK(woken == 3);  // event 3 is no transaction: nothing spooled, nobody woken
        trail->spool_for_atna({}, {});
    }
    auto reopened = sqlite_audit_trail::open(file).value();
    const auto spooled = reopened->undelivered(100).value();
    CHECK(messages_of(spooled) == std::vector<std::string>{"urn:uuid:msg-2/a", "urn:uuid:msg-2/b",
                                                           "urn:uuid:msg-4/a", "urn:uuid:msg-4/b",
                                                           "urn:uuid:msg-5/a", "urn:uuid:msg-5/b"});
    for (std::size_t i = 1; i < spooled.size(); ++i) {
        CHECK(spooled[i].seq > spooled[i - 1].seq);
    }
    CHECK(spooled[0].at == event_number(2).at);
    const auto backlog = reopened->backlog().value();
    CHECK(backlog.messages == 6);
    CHECK(backlog.oldest == event_number(2).at);
    CHECK(reopened->newest(10).value().size() == 5);
}

TEST_CASE("ATNA spool: delivery clears up to the last message sent, the rest stays in order") {
    ncpeh::testing::temp_dir dir;
    auto trail = sqlite_audit_trail::open(dir.path() / "audit.db").value();
    trail->spool_for_atna(two_per_transaction(), [] {});
    for (int n = 1; n <= 5; ++n) {
        REQUIRE(record_now(*trail, event_number(n)).has_value());
    }
    const auto first = trail->undelivered(3).value();
    REQUIRE(messages_of(first) ==
            std::vector<std::string>{"urn:uuid:msg-1/a", "urn:uuid:msg-1/b", "urn:uuid:msg-2/a"});
    REQUIRE(trail->mark_delivered(first.back().seq).has_value());
    const auto rest = trail->undelivered(100).value();
    CHECK(messages_of(rest) == std::vector<std::string>{"urn:uuid:msg-2/b", "urn:uuid:msg-4/a",
                                                        "urn:uuid:msg-4/b", "urn:uuid:msg-5/a",
                                                        "urn:uuid:msg-5/b"});
    CHECK(trail->backlog().value().oldest == event_number(2).at);
    // Marking again (a retry after a lost acknowledgement of the database) changes nothing.
    REQUIRE(trail->mark_delivered(first.back().seq).has_value());
    CHECK(trail->undelivered(100).value().size() == 5);
    REQUIRE(trail->mark_delivered(rest.back().seq).has_value());
    CHECK(trail->undelivered(100).value().empty());
    const auto empty = trail->backlog().value();
    CHECK(empty.messages == 0);
    CHECK_FALSE(empty.oldest.has_value());
    trail->spool_for_atna({}, {});
}

TEST_CASE("ATNA spool: an event whose messages cannot be stored is not stored either") {
    ncpeh::testing::temp_dir dir;
    auto trail = sqlite_audit_trail::open(dir.path() / "audit.db").value();
    trail->spool_for_atna(
        [](const audit_event& e) -> std::vector<std::string> {
            if (e.message_id == "urn:uuid:msg-2") {
                throw std::runtime_error("renderer failed");
            }
            return {e.message_id};
        },
        [] {});
    REQUIRE(record_now(*trail, event_number(1)).has_value());
    const auto refused = record_now(*trail, event_number(2));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::internal);
    CHECK(trail->newest(10).value().size() == 1);
    CHECK(messages_of(trail->undelivered(10).value()) ==
          std::vector<std::string>{"urn:uuid:msg-1"});
    trail->spool_for_atna({}, {});
}
