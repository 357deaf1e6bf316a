#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/ops/metrics.hpp"
#include "gateway/ops/traffic_history.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ops {

/// The metrics the transactions update, registered once in a `metrics_registry`. Every label
/// comes from a bounded set: the direction, the transaction name, the partner country of the
/// configuration, the outcome and the project error name. Thread-safe.
class gateway_metrics {
  public:
    /// Registers the families; the registry reads the partner status from this object, which
    /// must therefore stay where it is.
    explicit gateway_metrics(metrics_registry& registry);
    gateway_metrics(const gateway_metrics&) = delete;
    gateway_metrics& operator=(const gateway_metrics&) = delete;

    /// One finished transaction, answered ("inbound", country A) or sent ("outbound", country
    /// B): `ncpeh_transactions_total` and `ncpeh_transaction_duration_seconds`. `failure` is
    /// null on success.
    void count_transaction(std::string_view direction, std::string_view transaction,
                           std::string_view partner, const error* failure,
                           std::chrono::steady_clock::duration elapsed);

    /// A request whose assertions were refused, by the error's name.
    void count_assertion_refusal(errc reason);

    /// One call to the national store ("find_patient", …), failed or not, and its time:
    /// `ncpeh_national_store_requests_total` and `ncpeh_national_store_request_duration_seconds`.
    void count_store_call(std::string_view operation, const error* failure,
                          std::chrono::steady_clock::duration elapsed);

    counter_family& transactions;
    histogram_family& durations;
    counter_family& assertion_refusals;
    counter_family& store_calls;
    histogram_family& store_durations;
    /// The last 24 hours per minute and partner, for the dashboard.
    traffic_history history;

  private:
    /// When a partner's last transaction of each outcome ended, and the last failure's error:
    /// `ncpeh_partner_last_success_timestamp_seconds` and `…_last_failure_…` (the partner status).
    struct partner_status {
        double last_success = 0;
        double last_failure = 0;
        std::string last_error;
    };
    std::vector<sample> last_successes() const;
    std::vector<sample> last_failures() const;

    mutable std::mutex status_mutex_;
    std::map<std::pair<std::string, std::string>, partner_status> status_;  // by direction, partner
};

}  // namespace ncpeh::gateway::ops
