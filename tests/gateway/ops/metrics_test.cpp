#include "gateway/ops/metrics.hpp"

#include <catch2/catch.hpp>

#include "gateway/ops/gateway_metrics.hpp"

using namespace ncpeh::gateway::ops;

TEST_CASE("counters are written in the Prometheus text format, label values escaped") {
    metrics_registry registry;
    auto& requests =
        registry.add_counter("test_requests_total", "Requests seen", {"route", "note"});
    requests.add({"/a", "plain"});
    requests.add({"/a", "plain"}, 2);
    requests.add({"/b", "quote \" backslash \\ newline \n end"});
    CHECK(requests.value({"/a", "plain"}) == 3);
    CHECK(requests.value({"/c", "plain"}) == 0);
    CHECK(
        registry.write() ==
        "# HELP test_requests_total Requests seen\n"
        "# TYPE test_requests_total counter\n"
        "test_requests_total{route=\"/a\",note=\"plain\"} 3\n"
        "test_requests_total{route=\"/b\",note=\"quote \\\" backslash \\\\ newline \\n end\"} 1\n");
}

TEST_CASE("histograms count cumulatively per bucket, with +Inf, sum and count") {
    metrics_registry registry;
    auto& latency = registry.add_histogram("test_seconds", "Latency", {"tx"}, {0.01, 0.1, 1});
    latency.observe({"x"}, 0.0078125);  // values exact in binary, so the sum is too
    latency.observe({"x"}, 0.0625);
    latency.observe({"x"}, 1.0);  // on the bound: counted in that bucket (le)
    latency.observe({"x"}, 8.0);
    CHECK(latency.count({"x"}) == 4);
    CHECK(registry.write() ==
          "# HELP test_seconds Latency\n"
          "# TYPE test_seconds histogram\n"
          "test_seconds_bucket{tx=\"x\",le=\"0.01\"} 1\n"
          "test_seconds_bucket{tx=\"x\",le=\"0.1\"} 2\n"
          "test_seconds_bucket{tx=\"x\",le=\"1\"} 3\n"
          "test_seconds_bucket{tx=\"x\",le=\"+Inf\"} 4\n"
          "test_seconds_sum{tx=\"x\"} 9.0703125\n"
          "test_seconds_count{tx=\"x\"} 4\n");
}

TEST_CASE("sampled families are read at each scrape, in registration order") {
    metrics_registry registry;
    double open = 2;
    registry.add_sampled({"test_open", "Open things", "gauge", {}, [&open] {
                              return std::vector<sample>{{{}, open}};
                          }});
    registry.add_counter("test_total", "A total", {});
    CHECK(registry.write() ==
          "# HELP test_open Open things\n# TYPE test_open gauge\n"
          "test_open 2\n"
          "# HELP test_total A total\n# TYPE test_total counter\n");
    open = 0.25;
    CHECK(registry.write().find("test_open 0.25\n") != std::string::npos);
}

TEST_CASE("a transaction is counted with its outcome and error name, and timed") {
    metrics_registry registry;
    gateway_metrics metrics(registry);
    metrics.count_transaction("inbound", "xcpd", "FI", nullptr, std::chrono::milliseconds(3));
    const auto refused = ncpeh::make_error(ncpeh::errc::no_consent, "no consent");
    metrics.count_transaction("inbound", "xca-list", "FI", &refused, std::chrono::milliseconds(40));
    metrics.count_assertion_refusal(ncpeh::errc::assertion_replayed);
    CHECK(metrics.transactions.value({"inbound", "xcpd", "FI", "success", ""}) == 1);
    CHECK(metrics.transactions.value({"inbound", "xca-list", "FI", "failure", "no_consent"}) == 1);
    CHECK(metrics.durations.count({"inbound", "xca-list"}) == 1);
    CHECK(metrics.assertion_refusals.value({"assertion_replayed"}) == 1);
    const std::string text = registry.write();
    CHECK(text.find("ncpeh_transaction_duration_seconds_bucket{direction=\"inbound\","
                    "transaction=\"xcpd\",le=\"0.0025\"} 0\n") != std::string::npos);
    CHECK(text.find("ncpeh_transaction_duration_seconds_bucket{direction=\"inbound\","
                    "transaction=\"xcpd\",le=\"0.005\"} 1\n") != std::string::npos);
}
