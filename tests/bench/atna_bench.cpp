// What the ATNA export adds to a transaction (release preset). One thread.
//   ./scripts/build release atna_bench && build/release/tests/atna_bench
// `render_retrieve`: the two ATNA messages of a country-A retrieve (EHDSI-32 and EHDSI-94) in
// their syslog messages, as the audit trail's writer makes them. `record_without_spool` and
// `record_with_spool`: one audit event committed to a SQLite audit trail, alone and with its
// spooled ATNA messages (the durable part of the export; delivery runs off the request path).
#include <benchmark/benchmark.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>

#include "gateway/audit/atna_export.hpp"
#include "gateway/audit/sqlite_audit_trail.hpp"
#include "tests/gateway/support/audit_events.hpp"
#include "tests/support/test_files.hpp"

namespace {

using namespace ncpeh::gateway::audit;

audit_event retrieve() {
    audit_event e = ncpeh::testing::from_finland("xca-retrieve");
    e.at = std::chrono::system_clock::now();
    e.document_ids = {"2.999.752.1.2^rx1.L3"};
    return e;
}

atna_renderer renderer() {
    return syslog_renderer({"SE", "ncp.se.localhost", "ncp.se.example"},
                           {"ncp.se.example", "ncpeh", "4242"});
}

void render_retrieve(benchmark::State& state) {
    const auto render = renderer();
    const audit_event event = retrieve();
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto messages = render(event);
        bytes += messages[0].size() + messages[1].size();
        benchmark::DoNotOptimize(messages);
    }
    state.counters["bytes"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK(render_retrieve);

void record(benchmark::State& state, bool spool) {
    ncpeh::testing::temp_dir dir;
    auto trail = sqlite_audit_trail::open(dir.path() / "audit.db").value();
    if (spool) {
        trail->spool_for_atna(renderer(), [] {});
    }
    boost::asio::io_context io;
    for (auto _ : state) {
        auto done = boost::asio::co_spawn(io, trail->record(retrieve()), boost::asio::use_future);
        io.restart();
        io.run();
        benchmark::DoNotOptimize(done.get());
    }
    trail->spool_for_atna({}, {});
}

void record_without_spool(benchmark::State& state) {
    record(state, false);
}
BENCHMARK(record_without_spool);

void record_with_spool(benchmark::State& state) {
    record(state, true);
}
BENCHMARK(record_with_spool);

}  // namespace

BENCHMARK_MAIN();
