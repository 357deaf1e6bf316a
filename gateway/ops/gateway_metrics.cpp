#include "gateway/ops/gateway_metrics.hpp"

namespace ncpeh::gateway::ops {

gateway_metrics::gateway_metrics(metrics_registry& registry)
    : transactions(registry.add_counter(
          "ncpeh_transactions_total",
          "Cross-border transactions answered (inbound) or sent to a foreign NCP (outbound), by "
          "direction, transaction, partner country, outcome and error",
          {"direction", "transaction", "partner", "outcome", "error"})),
      durations(registry.add_histogram(
          "ncpeh_transaction_duration_seconds",
          "Time of a cross-border transaction: from receiving the request to "
          "its audited answer (inbound), from calling the partner to the "
          "audited outcome (outbound)",
          {"direction", "transaction"}, histogram_family::latency_bounds())),
      assertion_refusals(registry.add_counter(
          "ncpeh_assertion_refusals_total",
          "Requests refused by the assertion checks (signature, trust, eHDSI policy, replay)",
          {"reason"})),
      store_calls(registry.add_counter(
          "ncpeh_national_store_requests_total",
          "Calls to the national prescription store, by operation, outcome and error",
          {"operation", "outcome", "error"})),
      store_durations(registry.add_histogram("ncpeh_national_store_request_duration_seconds",
                                             "Time of one call to the national store, retries "
                                             "included",
                                             {"operation"}, histogram_family::latency_bounds())) {
    registry.add_sampled({"ncpeh_partner_last_success_timestamp_seconds",
                          "When a partner's last successful transaction ended (Unix time)",
                          "gauge",
                          {"direction", "partner"},
                          [this] { return last_successes(); }});
    registry.add_sampled({"ncpeh_partner_last_failure_timestamp_seconds",
                          "When a partner's last failed transaction ended (Unix time), with its "
                          "error",
                          "gauge",
                          {"direction", "partner", "error"},
                          [this] { return last_failures(); }});
}

void gateway_metrics::count_transaction(std::string_view direction, std::string_view transaction,
                                        std::string_view partner, const error* failure,
                                        std::chrono::steady_clock::duration elapsed) {
    transactions.add({std::string(direction), std::string(transaction), std::string(partner),
                      failure == nullptr ? "success" : "failure",
                      failure == nullptr ? "" : std::string(name_of(failure->code))});
    durations.observe({std::string(direction), std::string(transaction)}, elapsed);
    const auto ended = std::chrono::system_clock::now();
    history.add(partner, failure != nullptr, ended);
    const double now = std::chrono::duration<double>(ended.time_since_epoch()).count();
    const std::lock_guard lock(status_mutex_);
    partner_status& status = status_[{std::string(direction), std::string(partner)}];
    if (failure == nullptr) {
        status.last_success = now;
    } else {
        status.last_failure = now;
        status.last_error = std::string(name_of(failure->code));
    }
}

std::vector<sample> gateway_metrics::last_successes() const {
    const std::lock_guard lock(status_mutex_);
    std::vector<sample> out;
    for (const auto& [key, status] : status_) {
        if (status.last_success > 0) {
            out.push_back({{key.first, key.second}, status.last_success});
        }
    }
    return out;
}

std::vector<sample> gateway_metrics::last_failures() const {
    const std::lock_guard lock(status_mutex_);
    std::vector<sample> out;
    for (const auto& [key, status] : status_) {
        if (status.last_failure > 0) {
            out.push_back({{key.first, key.second, status.last_error}, status.last_failure});
        }
    }
    return out;
}

void gateway_metrics::count_store_call(std::string_view operation, const error* failure,
                                       std::chrono::steady_clock::duration elapsed) {
    store_calls.add({std::string(operation), failure == nullptr ? "success" : "failure",
                     failure == nullptr ? "" : std::string(name_of(failure->code))});
    store_durations.observe({std::string(operation)}, elapsed);
}

void gateway_metrics::count_assertion_refusal(errc reason) {
    assertion_refusals.add({std::string(name_of(reason))});
}

}  // namespace ncpeh::gateway::ops
