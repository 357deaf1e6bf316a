#pragma once

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "gateway/audit/spooling_audit_trail.hpp"
#include "gateway/storage/postgres_pool.hpp"

namespace ncpeh::gateway::audit {

/// How a `postgres_audit_trail` names itself and shares the ATNA export.
struct postgres_audit_settings {
    /// Written into each row's `instance` column: which ncpeh stored it ("HOST/PID" by default,
    /// `default_instance_name`). Rows of one instance are in the order of their `seq`.
    std::string instance;
    /// How long the instance that exports the ATNA spool keeps that role without asking for
    /// the spool again; another instance takes over once it has passed (its holder died).
    std::chrono::milliseconds exporter_lease{30000};
    /// How often the database is tried for `check_writable` when nothing was written meanwhile.
    std::chrono::milliseconds probe_interval{5000};
};

/// "HOST/PID" of this process: the default `instance` of the audit rows.
std::string default_instance_name();

/// The audit trail of several instances in one PostgreSQL database (`[database] url =
/// "postgresql://…"`), on the shared connection pool: table `ncpeh_audit_event` (the columns of
/// the embedded table plus `instance`; `seq`, a bigserial, orders the whole trail), and the
/// ATNA spool `ncpeh_atna_spool`, written in the transaction that stores the event. The schema
/// is migration 201 (gateway/storage/postgres_schema.cpp).
///
/// `record` runs one transaction per event on a worker of the pool (`co_await pool.run`): the
/// I/O thread never waits, and concurrent records commit side by side on the pool's
/// connections. Any failure (the database away, the pool's queue full, a statement refused)
/// completes `record` with `errc::internal`, the cause in the message: the caller fails closed.
/// The pool reconnects on its own once the database is back.
///
/// The ATNA export with several instances: the spool is sent by one instance at a time, the
/// holder of the exporter lease (table `ncpeh_atna_exporter`, one row). `undelivered` takes or
/// renews the lease and returns the oldest messages of every instance; another instance gets no
/// messages while the lease runs, and takes the lease over once it has passed. `mark_delivered`
/// removes only messages this object handed out (a message committed late with a lower `seq` is
/// not removed unseen).
///
/// The synchronous reads wait for the pool (`run_blocking`): only for callers that may block
/// (the `kpi` command, tests); I/O threads use the `async_…` ones. `check_writable` answers at
/// once from what the last write or probe found (a probe every `probe_interval`).
class postgres_audit_trail final : public spooling_audit_trail {
  public:
    /// `pool` (migrated: `storage::migrate_postgres`) must outlive the trail.
    postgres_audit_trail(storage::postgres_pool& pool, postgres_audit_settings settings);
    ~postgres_audit_trail() override;
    postgres_audit_trail(const postgres_audit_trail&) = delete;
    postgres_audit_trail& operator=(const postgres_audit_trail&) = delete;

    boost::asio::awaitable<result<void>> record(audit_event event) override;
    result<void> check_writable() const override;

    result<std::vector<audit_event>> newest(std::size_t limit) const override;
    result<std::vector<transaction_count>> count_transactions(
        std::chrono::system_clock::time_point from,
        std::chrono::system_clock::time_point to) const override;
    result<patient_access_page> patient_access(const patient_access_query& query) const override;
    boost::asio::awaitable<result<std::vector<audit_event>>> async_newest(
        std::size_t limit) const override;
    boost::asio::awaitable<result<std::vector<transaction_count>>> async_count_transactions(
        std::chrono::system_clock::time_point from,
        std::chrono::system_clock::time_point to) const override;
    boost::asio::awaitable<result<patient_access_page>> async_patient_access(
        patient_access_query query) const override;

    void spool_for_atna(atna_renderer render, std::function<void()> on_spooled) override;

    result<std::vector<spooled_message>> undelivered(std::size_t limit) const override;
    result<void> mark_delivered(std::int64_t seq) override;
    result<spool_backlog> backlog() const override;
    boost::asio::awaitable<result<std::vector<spooled_message>>> async_undelivered(
        std::size_t limit) const override;
    boost::asio::awaitable<result<void>> async_mark_delivered(std::int64_t seq) override;
    boost::asio::awaitable<result<spool_backlog>> async_backlog() const override;

    const postgres_audit_settings& settings() const noexcept { return settings_; }

  private:
    struct hooks {
        atna_renderer render;
        std::function<void()> on_spooled;
    };
    std::shared_ptr<const hooks> current_hooks() const;
    void spooled();
    void note(const result<void>& written) const;
    void probe_until_stopped(std::stop_token stop);

    storage::postgres_pool& pool_;
    postgres_audit_settings settings_;

    mutable std::mutex hooks_mutex_;
    std::shared_ptr<const hooks> hooks_;  // guarded by hooks_mutex_

    mutable std::mutex state_mutex_;
    mutable std::optional<std::string> unwritable_;  // the last failure; none after a success
    mutable std::chrono::steady_clock::time_point last_written_{};
    // The messages the last `undelivered` handed out: what `mark_delivered` may remove.
    mutable std::vector<std::int64_t> handed_out_;  // guarded by state_mutex_

    std::jthread prober_;  // last: stopped and joined first
};

}  // namespace ncpeh::gateway::audit
