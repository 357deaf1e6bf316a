#include "gateway/ops/gateway_metrics.hpp"

namespace ncpeh::gateway::ops {

gateway_metrics::gateway_metrics(metrics_registry& registry)
    : transactions(registry.add_counter(
          "ncpeh_transactions_total",
          "Cross-border transactions answered, by direction, transaction, partner country, "
          "outcome and error",
          {"direction", "transaction", "partner", "outcome", "error"})),
      durations(
          registry.add_histogram("ncpeh_transaction_duration_seconds",
                                 "Time from receiving a cross-border request to its audited answer",
                                 {"direction", "transaction"}, histogram_family::latency_bounds())),
      assertion_refusals(registry.add_counter(
          "ncpeh_assertion_refusals_total",
          "Requests refused by the assertion checks (signature, trust, eHDSI policy, replay)",
          {"reason"})) {}

void gateway_metrics::count_transaction(std::string_view direction, std::string_view transaction,
                                        std::string_view partner, const error* failure,
                                        std::chrono::steady_clock::duration elapsed) {
    transactions.add({std::string(direction), std::string(transaction), std::string(partner),
                      failure == nullptr ? "success" : "failure",
                      failure == nullptr ? "" : std::string(name_of(failure->code))});
    durations.observe({std::string(direction), std::string(transaction)}, elapsed);
}

void gateway_metrics::count_assertion_refusal(errc reason) {
    assertion_refusals.add({std::string(name_of(reason))});
}

}  // namespace ncpeh::gateway::ops
