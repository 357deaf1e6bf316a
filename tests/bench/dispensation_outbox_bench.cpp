// What the dispensation outbox costs (release preset), on the disk of the temp folder: every
// commit syncs the WAL (synchronous=FULL).
//   ./scripts/build release dispensation_outbox_bench &&
//   build/release/tests/dispensation_outbox_bench
// items_per_second is records per second.
// * enqueue_one_at_a_time: one pharmacy request after the other, each waiting for its commit
//   (one sync per record: the floor).
// * enqueue_concurrently/N: N requests under way at once; they share commits.
// * claim_and_mark_delivered: 5,000 queued records claimed 16 at a time by 8 deliverers, each
//   record then marked delivered (what the loop does, without the loop).
// * deliver_queued/L: the delivery loop (16 attempts in flight) empties a queue of 5,000
//   records through a sender that answers after L ms: the backlog once a partner is back.
#include <benchmark/benchmark.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "gateway/ncp_b/outbox_delivery.hpp"
#include "gateway/ncp_b/sqlite_dispensation_outbox.hpp"
#include "tests/gateway/ncp_b/outbox_test_support.hpp"
#include "tests/support/test_files.hpp"

namespace {

namespace net = boost::asio;
using namespace ncpeh::gateway::ncp_b;
using ncpeh::testing::outbox_entry_number;
using ncpeh::testing::outbox_t0;

constexpr int backlog = 5000;

std::unique_ptr<sqlite_dispensation_outbox> open_in(const ncpeh::testing::temp_dir& dir) {
    return sqlite_dispensation_outbox::open(dir.path() / "ncpeh.outbox.db").value();
}

net::awaitable<void> enqueue_range(dispensation_outbox& outbox, int first, int count) {
    for (int n = first; n < first + count; ++n) {
        auto stored = co_await outbox.enqueue(outbox_entry_number(n), outbox_t0());
        if (!stored) {
            throw std::runtime_error(stored.error().describe());
        }
    }
}

// `count` records enqueued by `lanes` coroutines at once.
void enqueue_all(dispensation_outbox& outbox, int count, int lanes) {
    net::io_context io;
    for (int lane = 0, first = 0; lane < lanes; ++lane) {
        const int share = count / lanes + (lane < count % lanes ? 1 : 0);
        net::co_spawn(io, enqueue_range(outbox, first, share), net::detached);
        first += share;
    }
    io.run();
}

void enqueue_one_at_a_time(benchmark::State& state) {
    constexpr int records = 500;  // a sync each: 5,000 would take most of a minute
    for (auto _ : state) {
        state.PauseTiming();
        ncpeh::testing::temp_dir dir;
        auto outbox = open_in(dir);
        state.ResumeTiming();
        enqueue_all(*outbox, records, 1);
    }
    state.SetItemsProcessed(state.iterations() * records);
}
BENCHMARK(enqueue_one_at_a_time)->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void enqueue_concurrently(benchmark::State& state) {
    const int lanes = static_cast<int>(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        ncpeh::testing::temp_dir dir;
        auto outbox = open_in(dir);
        state.ResumeTiming();
        enqueue_all(*outbox, backlog, lanes);
    }
    state.SetItemsProcessed(state.iterations() * backlog);
}
BENCHMARK(enqueue_concurrently)
    ->Arg(16)
    ->Arg(64)
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

net::awaitable<void> claim_and_mark(dispensation_outbox& outbox) {
    for (;;) {
        auto claimed = co_await outbox.claim_due(outbox_t0(), 16, std::chrono::minutes(2), {});
        if (!claimed || claimed->empty()) {
            co_return;
        }
        for (const outbox_record& r : *claimed) {
            co_await outbox.mark_delivered(r.id, outbox_t0());
        }
    }
}

void claim_and_mark_delivered(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        ncpeh::testing::temp_dir dir;
        auto outbox = open_in(dir);
        enqueue_all(*outbox, backlog, 64);
        state.ResumeTiming();
        net::io_context io;
        for (int deliverer = 0; deliverer < 8; ++deliverer) {
            net::co_spawn(io, claim_and_mark(*outbox), net::detached);
        }
        io.run();
        state.PauseTiming();
        const auto delivered =
            ncpeh::testing::run_now(outbox->counts(outbox_t0())).value().delivered;
        state.ResumeTiming();
        if (delivered != backlog) {
            state.SkipWithError("not every record was delivered");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * backlog);
}
BENCHMARK(claim_and_mark_delivered)->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void deliver_queued(benchmark::State& state) {
    const auto latency = std::chrono::milliseconds(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        ncpeh::testing::temp_dir dir;
        auto outbox = open_in(dir);
        enqueue_all(*outbox, backlog, 64);
        net::io_context io;
        outbox_sender sender =
            [&io, latency](const outbox_record&) -> net::awaitable<ncpeh::result<void>> {
            if (latency.count() > 0) {
                net::steady_timer partner(io, latency);
                co_await partner.async_wait(net::use_awaitable);
            }
            co_return ncpeh::result<void>();
        };
        delivery_settings settings;
        settings.clock = [] { return outbox_t0() + std::chrono::seconds(1); };
        outbox_delivery delivery(io.get_executor(), *outbox, sender, settings);
        state.ResumeTiming();
        delivery.start();
        delivery.notify();
        while (delivery.delivered() < backlog) {
            io.run_one();
        }
        state.PauseTiming();
        net::co_spawn(io, delivery.stop(), net::detached);
        io.run();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * backlog);
}
BENCHMARK(deliver_queued)
    ->Arg(0)
    ->Arg(20)
    ->Arg(50)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
