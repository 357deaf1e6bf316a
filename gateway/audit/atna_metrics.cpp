#include "gateway/audit/atna_metrics.hpp"

#include <chrono>

namespace ncpeh::gateway::audit {

namespace {

std::vector<ops::sample> one(double value) {
    return {ops::sample{{}, value}};
}

}  // namespace

void add_atna_metrics(ops::metrics_registry& registry, const atna_exporter& exporter) {
    registry.add_sampled(
        {"ncpeh_audit_export_backlog",
         "ATNA audit messages spooled and not yet delivered to the repository",
         "gauge",
         {},
         [&exporter] { return one(static_cast<double>(exporter.state().backlog.messages)); }});
    registry.add_sampled({"ncpeh_audit_export_oldest_seconds",
                          "How long the oldest undelivered ATNA audit message has waited",
                          "gauge",
                          {},
                          [&exporter] {
                              const auto oldest = exporter.state().backlog.oldest;
                              if (!oldest) {
                                  return one(0);
                              }
                              const auto age = std::chrono::system_clock::now() - *oldest;
                              return one(std::max(0.0, std::chrono::duration<double>(age).count()));
                          }});
    registry.add_sampled({"ncpeh_audit_export_connected",
                          "1 while a TLS connection to the ATNA audit repository is open",
                          "gauge",
                          {},
                          [&exporter] { return one(exporter.state().connected ? 1 : 0); }});
    registry.add_sampled(
        {"ncpeh_audit_exported_total",
         "ATNA audit messages this process delivered to the repository",
         "counter",
         {},
         [&exporter] { return one(static_cast<double>(exporter.state().delivered)); }});
}

}  // namespace ncpeh::gateway::audit
