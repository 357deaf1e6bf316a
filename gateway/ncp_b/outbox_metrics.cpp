#include "gateway/ncp_b/outbox_metrics.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

std::vector<ops::sample> one(double value) {
    return {ops::sample{{}, value}};
}

}  // namespace

void add_outbox_metrics(ops::metrics_registry& registry, const outbox_delivery& delivery) {
    registry.add_sampled(
        {"ncpeh_outbox_records",
         "Dispensations in the outbox by status, as last counted",
         "gauge",
         {"status"},
         [&delivery] {
             std::vector<ops::sample> out;
             if (const auto c = delivery.last_counts()) {
                 for (const auto& [status, n] :
                      {std::pair{outbox_status::queued, c->queued},
                       std::pair{outbox_status::delivering, c->delivering},
                       std::pair{outbox_status::delivered, c->delivered},
                       std::pair{outbox_status::failed, c->failed}}) {
                     out.push_back({{std::string(name_of(status))}, static_cast<double>(n)});
                 }
             }
             return out;
         }});
    registry.add_sampled(
        {"ncpeh_outbox_oldest_pending_seconds",
         "How long the oldest dispensation not yet delivered nor failed has waited",
         "gauge",
         {},
         [&delivery] {
             const auto c = delivery.last_counts();
             if (!c) {
                 return std::vector<ops::sample>{};
             }
             const auto age = c->oldest_pending_age.value_or(std::chrono::milliseconds(0));
             return one(std::chrono::duration<double>(age).count());
         }});
    registry.add_sampled({"ncpeh_outbox_attempts_total",
                          "Delivery attempts this process started",
                          "counter",
                          {},
                          [&delivery] { return one(static_cast<double>(delivery.attempts())); }});
    registry.add_sampled({"ncpeh_outbox_delivered_total",
                          "Dispensations this process delivered",
                          "counter",
                          {},
                          [&delivery] { return one(static_cast<double>(delivery.delivered())); }});
    registry.add_sampled({"ncpeh_outbox_failed_total",
                          "Dispensations this process gave up",
                          "counter",
                          {},
                          [&delivery] { return one(static_cast<double>(delivery.failed())); }});
    registry.add_sampled(
        {"ncpeh_outbox_partners_held",
         "Partner countries found unreachable whose dispensations wait for the hold to end",
         "gauge",
         {},
         [&delivery] { return one(static_cast<double>(delivery.held_partners())); }});
}

}  // namespace ncpeh::gateway::ncp_b
