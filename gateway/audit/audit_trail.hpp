#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <vector>

#include "gateway/audit/audit_event.hpp"
#include "gateway/audit/kpi.hpp"
#include "gateway/audit/patient_access.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::audit {

/// Where the gateway records every cross-border transaction before it answers. The embedded
/// implementation is `sqlite_audit_trail`, the shared one of several instances
/// `postgres_audit_trail`; the full trail (ATNA export, retention, operator queries) builds on
/// this interface. Implementations are thread-safe.
///
/// The reads come twice: synchronous, for callers that may block (command-line programs,
/// tests), and `async_…`, which I/O threads use: they do not block the calling thread while a
/// database server answers. The defaults of the `async_…` ones run the synchronous read (the
/// embedded database answers from its own file at once).
class audit_trail {
  public:
    virtual ~audit_trail() = default;

    /// Stores `event` durably: completes only once the event is committed, so the caller can
    /// answer right after. Does not block the calling thread while it waits; completes on the
    /// awaiting coroutine's executor. Errors: `errc::internal` when it cannot be stored — the
    /// caller then fails the transaction (no unaudited answer leaves the gateway).
    virtual boost::asio::awaitable<result<void>> record(audit_event event) = 0;

    /// Whether an event could be stored now (for readiness checks): quick, no write.
    /// Errors: `errc::internal` naming what is wrong.
    virtual result<void> check_writable() const = 0;

    /// The newest `limit` events, newest first (the operators' dashboard).
    /// Errors: `errc::internal` when the trail cannot be read.
    virtual result<std::vector<audit_event>> newest(std::size_t limit) const = 0;

    /// The transactions from `from` (inclusive) to `to` (exclusive), counted by month (UTC),
    /// partner country, transaction and outcome; `started` rows are not counted (KPIs).
    virtual result<std::vector<transaction_count>> count_transactions(
        std::chrono::system_clock::time_point from,
        std::chrono::system_clock::time_point to) const = 0;

    /// One page of the events about one patient, newest first (a Swedish patient's
    /// cross-border access log, `patient_access.hpp`). Errors: `errc::internal` when the trail
    /// cannot be read.
    virtual result<patient_access_page> patient_access(const patient_access_query& query) const = 0;

    /// `newest`, completing on the awaiting coroutine's executor.
    virtual boost::asio::awaitable<result<std::vector<audit_event>>> async_newest(
        std::size_t limit) const {
        co_return newest(limit);
    }
    /// `count_transactions`, completing on the awaiting coroutine's executor.
    virtual boost::asio::awaitable<result<std::vector<transaction_count>>> async_count_transactions(
        std::chrono::system_clock::time_point from,
        std::chrono::system_clock::time_point to) const {
        co_return count_transactions(from, to);
    }
    /// `patient_access`, completing on the awaiting coroutine's executor.
    virtual boost::asio::awaitable<result<patient_access_page>> async_patient_access(
        patient_access_query query) const {
        co_return patient_access(query);
    }
};

}  // namespace ncpeh::gateway::audit
