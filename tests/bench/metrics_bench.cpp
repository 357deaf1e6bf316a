// What the metrics cost a transaction, and what a scrape costs (release preset). One thread.
//   ./scripts/build release metrics_bench && build/release/tests/metrics_bench
// `count_transaction` is what every cross-border transaction adds (a counter and a histogram
// observation); `scrape` writes the text of a registry holding the series of a busy gateway
// (5 transactions x 8 partners x 6 outcomes, and their histograms).
#include <benchmark/benchmark.h>

#include <array>
#include <string>

#include "gateway/ops/gateway_metrics.hpp"

namespace {

using namespace ncpeh::gateway::ops;

void count_transaction(benchmark::State& state) {
    metrics_registry registry;
    gateway_metrics metrics(registry);
    for (auto _ : state) {
        metrics.count_transaction("inbound", "xca-retrieve", "FI", nullptr,
                                  std::chrono::microseconds(700));
    }
}
BENCHMARK(count_transaction);

void count_failed_transaction(benchmark::State& state) {
    metrics_registry registry;
    gateway_metrics metrics(registry);
    const auto failure = ncpeh::make_error(ncpeh::errc::no_consent, "no consent");
    for (auto _ : state) {
        metrics.count_transaction("inbound", "xca-list", "CZ", &failure,
                                  std::chrono::microseconds(700));
    }
}
BENCHMARK(count_failed_transaction);

void scrape(benchmark::State& state) {
    metrics_registry registry;
    gateway_metrics metrics(registry);
    const std::array transactions{"xcpd", "xca-list", "xca-retrieve", "xdr-dispense",
                                  "xdr-discard"};
    const std::array partners{"AT", "CZ", "FI", "GR", "HR", "LU", "MT", "PT"};
    const std::array codes{ncpeh::errc::no_consent, ncpeh::errc::patient_not_found,
                           ncpeh::errc::certificate_expired, ncpeh::errc::assertion_replayed,
                           ncpeh::errc::national_store_unreachable};
    for (const char* tx : transactions) {
        for (const char* partner : partners) {
            metrics.count_transaction("inbound", tx, partner, nullptr,
                                      std::chrono::milliseconds(1));
            for (const auto code : codes) {
                const auto failure = ncpeh::make_error(code, "x");
                metrics.count_transaction("inbound", tx, partner, &failure,
                                          std::chrono::milliseconds(3));
            }
        }
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string text = registry.write();
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(scrape);

}  // namespace

BENCHMARK_MAIN();
