#pragma once

#include <chrono>
#include <string_view>

#include "gateway/ops/metrics.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ops {

/// The metrics the transactions update, registered once in a `metrics_registry`. Every label
/// comes from a bounded set: the direction, the transaction name, the partner country of the
/// configuration, the outcome and the project error name. Thread-safe.
class gateway_metrics {
  public:
    explicit gateway_metrics(metrics_registry& registry);

    /// One finished transaction: `ncpeh_transactions_total` and
    /// `ncpeh_transaction_duration_seconds`. `failure` is null on success.
    void count_transaction(std::string_view direction, std::string_view transaction,
                           std::string_view partner, const error* failure,
                           std::chrono::steady_clock::duration elapsed);

    /// A request whose assertions were refused, by the error's name.
    void count_assertion_refusal(errc reason);

    counter_family& transactions;
    histogram_family& durations;
    counter_family& assertion_refusals;
};

}  // namespace ncpeh::gateway::ops
