#include "gateway/ncp_b/outbox_delivery.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/ncp_b/sqlite_dispensation_outbox.hpp"
#include "tests/gateway/ncp_b/outbox_test_support.hpp"
#include "tests/support/test_files.hpp"

namespace {

namespace net = boost::asio;
using namespace ncpeh::gateway::ncp_b;
using ncpeh::testing::outbox_entry_number;
using ncpeh::testing::outbox_pharmacy;
using ncpeh::testing::outbox_t0;
using ncpeh::testing::run_now;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

ncpeh::error refused_with(std::string remote_code) {
    return ncpeh::make_error(ncpeh::errc::foreign_ncp_refused, "the NCP-A refused it")
        .with("remote_code", std::move(remote_code));
}

// The test's clock: it moves only when the test moves it.
struct manual_clock {
    outbox_time now = outbox_t0();
    std::function<outbox_time()> function() {
        return [this] { return now; };
    }
};

// A sender that fails each record's first `failures` attempts with `error`, then accepts it;
// it counts the calls per record and how many run at once for one record.
struct fake_sender {
    int failures = 0;
    ncpeh::error error = ncpeh::make_error(ncpeh::errc::foreign_ncp_unreachable, "refused");
    milliseconds latency{0};
    std::map<std::string, int> calls;
    std::map<std::string, int> running;
    int overlaps = 0;

    outbox_sender function(net::io_context& io) {
        return [this, &io](const outbox_record& r) -> net::awaitable<ncpeh::result<void>> {
            const std::string id = r.id;  // the record is the caller's; keep what we need
            const int call = ++calls[id];
            if (++running[id] > 1) {
                ++overlaps;
            }
            if (latency.count() > 0) {
                net::steady_timer t(io, latency);
                co_await t.async_wait(net::use_awaitable);
            }
            --running[id];
            if (call <= failures) {
                co_return error;
            }
            co_return ncpeh::result<void>();
        };
    }
    int total() const {
        int n = 0;
        for (const auto& [id, c] : calls) {
            n += c;
        }
        return n;
    }
};

struct delivery_fixture {
    ncpeh::testing::temp_dir dir;
    std::unique_ptr<sqlite_dispensation_outbox> outbox =
        sqlite_dispensation_outbox::open(dir.path() / "ncpeh.outbox.db").value();
    net::io_context io;
    manual_clock clock;
    fake_sender sender;

    delivery_settings settings() {
        delivery_settings s;
        s.first_retry = 10s;
        s.max_retry = 40s;
        s.max_age = 1h;
        s.lease = 2min;
        s.poll_interval = 1h;  // only notify, the retry timer or freed slots wake the loop
        s.clock = clock.function();
        s.jitter = [] { return 0.5; };
        return s;
    }

    std::vector<std::string> enqueue(int count, int first = 0) {
        std::vector<std::string> ids;
        for (int n = first; n < first + count; ++n) {
            ids.push_back(
                run_now(outbox->enqueue(outbox_entry_number(n), clock.now)).value().record.id);
        }
        return ids;
    }

    outbox_record find(const std::string& id) {
        return run_now(outbox->find(id, outbox_pharmacy)).value();
    }

    // Runs the loop until `done` holds; the time limit is a safety net, not an assertion.
    bool run_until(const std::function<bool()>& done) {
        const auto give_up = std::chrono::steady_clock::now() + 30s;
        while (!done() && std::chrono::steady_clock::now() < give_up) {
            io.restart();  // after running out of work, as between two deliver_now
            io.run_for(5ms);
        }
        return done();
    }

    // Until no attempt is under way in the database (their outcomes are recorded).
    void settle() {
        REQUIRE(
            run_until([&] { return run_now(outbox->counts(clock.now)).value().delivering == 0; }));
    }

    // Gives the loop a moment to do what it would (to show that it does nothing more).
    void idle() {
        io.restart();
        io.run_for(50ms);
    }

    // Runs `operation` on the fixture's io_context, where the delivery's strand lives.
    template <class T>
    T run_here(net::awaitable<T> operation) {
        std::optional<T> out;
        net::co_spawn(io, std::move(operation), [&out](std::exception_ptr failure, T value) {
            REQUIRE_FALSE(failure);
            out.emplace(std::move(value));
        });
        REQUIRE(run_until([&] { return out.has_value(); }));
        return std::move(*out);
    }

    void stop(outbox_delivery& delivery) {
        bool stopped = false;
        net::co_spawn(io, delivery.stop(), [&stopped](std::exception_ptr) { stopped = true; });
        REQUIRE(run_until([&] { return stopped; }));
    }
};

}  // namespace

TEST_CASE("transient delivery errors are retried, verdicts on the eD are final", "[outbox]") {
    using ncpeh::errc;
    for (const errc code :
         {errc::foreign_ncp_unreachable, errc::foreign_ncp_timeout,
          errc::foreign_ncp_answer_invalid, errc::storage_unavailable, errc::internal}) {
        CHECK(is_transient_delivery_error(ncpeh::make_error(code, "x")));
    }
    for (const errc code :
         {errc::no_matching_eprescription, errc::eprescription_already_dispensed,
          errc::eprescription_not_dispensable, errc::ed_generic, errc::ed_missing_basic_data,
          errc::ed_substitution_not_allowed, errc::ed_eprescription_not_identifiable,
          errc::ed_discard_failed, errc::insufficient_rights, errc::no_consent,
          errc::patient_differs_from_trc}) {
        CHECK_FALSE(is_transient_delivery_error(ncpeh::make_error(code, "x")));
    }
    for (const char* remote : {"4103", "4104", "ERROR_GENERIC_CONNECTION_NOT_POSSIBLE",
                               "ERROR_ED_EDISPENSATION_ACK_NOT_RECEIVED",
                               "ERROR_ED_DISCARD_SERVICE_NOT_AVAILABLE", "env:Receiver"}) {
        CHECK(is_transient_delivery_error(refused_with(remote)));
    }
    for (const char* remote : {"4105", "4106", "4701", "4703", "ERROR_ED_GENERIC",
                               "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION", "env:Sender", ""}) {
        CHECK_FALSE(is_transient_delivery_error(refused_with(remote)));
    }
    CHECK_FALSE(is_transient_delivery_error(
        ncpeh::make_error(errc::foreign_ncp_refused, "no remote code")));
}

TEST_CASE("the outbox keeps an error's name, message and context", "[outbox]") {
    const auto kept = outbox_error_of(refused_with("4105"));
    CHECK(kept.code == "foreign_ncp_refused");
    CHECK(kept.message == "the NCP-A refused it [remote_code=4105]");
}

TEST_CASE("the backoff doubles from first_retry, is jittered and capped at max_retry", "[outbox]") {
    const milliseconds first = 30s;
    const milliseconds most = 30min;
    // jitter 0: half of the exponential base, never below first_retry
    CHECK(retry_delay(1, first, most, 0.0) == 30s);
    CHECK(retry_delay(2, first, most, 0.0) == 30s);
    CHECK(retry_delay(3, first, most, 0.0) == 60s);
    CHECK(retry_delay(4, first, most, 0.0) == 120s);
    // jitter near 1: the whole base
    CHECK(retry_delay(1, first, most, 0.999) == 30s);
    CHECK(retry_delay(2, first, most, 0.5) == 45s);
    CHECK(retry_delay(4, first, most, 0.5) == 180s);
    // grows, then stays at the cap
    CHECK(retry_delay(7, first, most, 0.999) > retry_delay(6, first, most, 0.999));
    CHECK(retry_delay(8, first, most, 0.0) == 15min);
    CHECK(retry_delay(12, first, most, 0.999) <= most);
    CHECK(retry_delay(12, first, most, 0.999) > 29min);
    CHECK(retry_delay(1000, first, most, 0.5) == 22min + 30s);
    // A zero-attempt or negative input gives the first delay, not something odd.
    CHECK(retry_delay(0, first, most, 0.0) == 30s);
}

TEST_CASE("records failing their first attempts are delivered exactly once; notify wakes",
          "[outbox]") {
    delivery_fixture f;
    f.sender.failures = 2;
    // Transient, but not one that holds the partner (that is the next test's).
    f.sender.error =
        ncpeh::make_error(ncpeh::errc::foreign_ncp_answer_invalid, "not a SOAP envelope");
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, f.sender.function(f.io), f.settings());
    delivery.start();
    const auto ids = f.enqueue(20);
    delivery.notify();  // the poll interval is an hour: only this wakes the loop

    for (int round = 1; round <= 3; ++round) {
        REQUIRE(f.run_until([&] { return f.sender.total() == 20 * round; }));
        f.settle();
        f.clock.now += 40s;  // past any backoff (10 s, then 15 s at jitter 0.5)
        delivery.notify();
    }
    REQUIRE(f.run_until([&] { return delivery.delivered() == 20; }));
    f.clock.now += 1h;
    delivery.notify();
    f.idle();
    f.stop(delivery);

    CHECK(f.sender.total() == 60);
    CHECK(f.sender.overlaps == 0);
    for (const std::string& id : ids) {
        CHECK(f.sender.calls[id] == 3);
        const auto r = f.find(id);
        CHECK(r.status == outbox_status::delivered);
        CHECK(r.attempts == 3);
        REQUIRE(r.last_error.has_value());
        CHECK(r.last_error->code == "foreign_ncp_answer_invalid");
    }
    CHECK(delivery.attempts() == 60);
}

TEST_CASE("a refusal on the eD's content fails the record at once", "[outbox]") {
    delivery_fixture f;
    f.sender.failures = 100;
    f.sender.error = refused_with("4105");
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, f.sender.function(f.io), f.settings());
    delivery.start();
    const auto ids = f.enqueue(1);
    delivery.notify();
    REQUIRE(f.run_until([&] { return f.find(ids[0]).status == outbox_status::failed; }));
    CHECK(delivery.failed() == 1);
    f.clock.now += 2h;
    delivery.notify();
    f.idle();
    f.stop(delivery);

    CHECK(f.sender.total() == 1);
    const auto r = f.find(ids[0]);
    CHECK(r.attempts == 1);
    REQUIRE(r.last_error.has_value());
    CHECK(r.last_error->code == "foreign_ncp_refused");
    CHECK(r.last_error->message == "the NCP-A refused it [remote_code=4105]");
}

TEST_CASE("a record not delivered within max_age fails with its last error", "[outbox]") {
    delivery_fixture f;
    f.sender.failures = 1000;
    f.sender.error = ncpeh::make_error(ncpeh::errc::foreign_ncp_timeout, "no answer in 30 s");
    auto settings = f.settings();
    settings.max_age = 100s;
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, f.sender.function(f.io), settings);
    delivery.start();
    const auto ids = f.enqueue(1);
    delivery.notify();
    // Attempts at +0, +10 s, +25 s, +55 s, +85 s (the waits 10, 15, 30, 30 s: jitter 0.5, the
    // cap 40 s), then the last one at +100 s = max_age.
    for (int i = 0; i < 10 && f.find(ids[0]).status != outbox_status::failed; ++i) {
        const int before = f.sender.total();
        REQUIRE(f.run_until([&] { return f.sender.total() > before; }));
        f.settle();
        f.clock.now = f.find(ids[0]).next_attempt_at;
        delivery.notify();
    }
    f.stop(delivery);

    const auto r = f.find(ids[0]);
    CHECK(r.status == outbox_status::failed);
    CHECK(f.sender.total() == 6);
    CHECK(r.attempts == 6);
    REQUIRE(r.last_attempt_at.has_value());
    CHECK(*r.last_attempt_at == r.created_at + 100s);
    REQUIRE(r.last_error.has_value());
    CHECK(r.last_error->code == "foreign_ncp_timeout");
    CHECK(r.last_error->message ==
          "given up after 6 attempts in 100 s; the last one: no answer in 30 s");
}

TEST_CASE("deliver_now and the loop never deliver one record twice", "[outbox]") {
    delivery_fixture f;
    f.sender.latency = 2ms;
    auto settings = f.settings();
    settings.max_in_flight = 4;
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, f.sender.function(f.io), settings);
    delivery.start();
    const auto ids = f.enqueue(40);
    std::map<outbox_status, int> reports;
    for (const std::string& id : ids) {
        net::co_spawn(f.io, delivery.deliver_now(id, "FI", 1s),
                      [&reports](std::exception_ptr, ncpeh::result<delivery_report> r) {
                          REQUIRE(r.has_value());
                          ++reports[r->status];
                      });
    }
    delivery.notify();  // the loop claims at the same time
    REQUIRE(f.run_until([&] { return delivery.delivered() == 40; }));
    f.clock.now += 1h;
    delivery.notify();
    f.idle();
    f.stop(delivery);

    CHECK(f.sender.total() == 40);
    CHECK(f.sender.overlaps == 0);
    for (const std::string& id : ids) {
        CHECK(f.sender.calls[id] == 1);
    }
    // deliver_now saw its own attempt delivered, or found the record held by the loop.
    CHECK(reports[outbox_status::delivered] + reports[outbox_status::queued] == 40);
    CHECK(reports[outbox_status::delivered] > 0);
    const auto counted = run_now(f.outbox->counts(f.clock.now)).value();
    CHECK(counted.delivered == 40);
    CHECK_FALSE(counted.oldest_pending_age.has_value());
}

TEST_CASE("deliver_now reports a retry and a refusal without waiting for the loop", "[outbox]") {
    delivery_fixture f;
    f.sender.failures = 1;
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, f.sender.function(f.io), f.settings());
    const auto ids = f.enqueue(1);
    auto first =
        f.run_here(delivery.deliver_now(ids[0], "FI", 5s));  // not started: only this attempt
    REQUIRE(first.has_value());
    CHECK(first->status == outbox_status::queued);
    REQUIRE(first->error.has_value());
    CHECK(first->error->code == "foreign_ncp_unreachable");
    CHECK(f.find(ids[0]).next_attempt_at == f.clock.now + 10s);  // first_retry

    // Finland is held (unreachable) and the record not due yet: no attempt, the hold's error.
    auto early = f.run_here(delivery.deliver_now(ids[0], "FI", 5s));
    REQUIRE(early.has_value());
    CHECK(early->status == outbox_status::queued);
    REQUIRE(early->error.has_value());
    CHECK(early->error->code == "foreign_ncp_unreachable");
    CHECK(f.sender.total() == 1);

    f.clock.now += 10s;
    auto second = f.run_here(delivery.deliver_now(ids[0], "FI", 5s));
    REQUIRE(second.has_value());
    CHECK(second->status == outbox_status::delivered);
    CHECK(f.sender.total() == 2);
}

TEST_CASE("deliver_now answers at its deadline while the attempt goes on", "[outbox]") {
    delivery_fixture f;
    f.sender.latency = 200ms;
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, f.sender.function(f.io), f.settings());
    const auto ids = f.enqueue(1);
    std::optional<ncpeh::result<delivery_report>> report;
    net::co_spawn(
        f.io, delivery.deliver_now(ids[0], "FI", 1ms),
        [&report](std::exception_ptr, ncpeh::result<delivery_report> r) { report = std::move(r); });
    REQUIRE(f.run_until([&] { return report.has_value(); }));
    REQUIRE(report->has_value());
    CHECK((*report)->status == outbox_status::delivering);
    REQUIRE(f.run_until([&] { return delivery.delivered() == 1; }));
    f.stop(delivery);
    CHECK(f.find(ids[0]).status == outbox_status::delivered);
}

TEST_CASE(
    "an unreachable partner is held for first_retry: its records wait without attempts, then go",
    "[outbox]") {
    delivery_fixture f;
    std::map<std::string, int> calls;  // by country
    bool finland_down = true;
    outbox_sender sender = [&](const outbox_record& r) -> net::awaitable<ncpeh::result<void>> {
        const std::string country = r.entry.country;
        ++calls[country];
        if (country == "FI" && finland_down) {
            co_return ncpeh::make_error(ncpeh::errc::foreign_ncp_unreachable, "refused");
        }
        co_return ncpeh::result<void>();
    };
    auto settings = f.settings();
    settings.max_in_flight = 4;
    outbox_delivery delivery(f.io.get_executor(), *f.outbox, sender, settings);
    const auto finnish = f.enqueue(40);
    auto austrian_entry = ncpeh::testing::outbox_entry_number(100);
    austrian_entry.country = "AT";
    const std::string austrian =
        run_now(f.outbox->enqueue(austrian_entry, f.clock.now)).value().record.id;
    delivery.start();
    REQUIRE(f.run_until([&] { return f.find(austrian).status == outbox_status::delivered; }));
    f.settle();
    f.idle();
    // One batch found Finland down; the other 36+ Finnish records were not tried.
    CHECK(calls["FI"] <= 4);
    CHECK(calls["AT"] == 1);
    CHECK(delivery.held_partners() == 1);
    const int tried = calls["FI"];

    // deliver_now does not try a held partner either.
    auto held = f.run_here(delivery.deliver_now(finnish.back(), "FI", 5s));
    REQUIRE(held.has_value());
    CHECK(held->status == outbox_status::queued);
    REQUIRE(held->error.has_value());
    CHECK(held->error->code == "foreign_ncp_unreachable");
    CHECK(calls["FI"] == tried);

    // The hold ends with first_retry (10 s); Finland is back: everything goes.
    finland_down = false;
    f.clock.now += 10s;
    delivery.notify();
    REQUIRE(f.run_until(
        [&] { return run_now(f.outbox->counts(f.clock.now)).value().delivered == 41; }));
    CHECK(calls["FI"] == tried + 40);
    CHECK(delivery.held_partners() == 0);
    // (counted once the outcome is recorded: the database may show it a moment earlier)
    REQUIRE(f.run_until([&] { return delivery.delivered() == 41; }));
    // What the metrics show: the loop's count, refreshed at most once a second as it wakes.
    REQUIRE(f.run_until([&] {
        delivery.notify();
        const auto counted = delivery.last_counts();
        return counted && counted->delivered == 41;
    }));
    CHECK(delivery.last_counts()->queued == 0);
    CHECK_FALSE(delivery.last_counts()->oldest_pending_age.has_value());
    f.stop(delivery);
}
