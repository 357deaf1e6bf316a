#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "gateway/storage/postgres_connection.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::storage {

/// How many connections, how long the queue, how long a job may wait.
struct postgres_pool_settings {
    postgres_settings connection;
    /// Connections, each owned by one worker thread (`[database] pool_size`).
    std::size_t connections = 4;
    /// Jobs waiting for a free connection (`[database] queue_limit`); one more is refused.
    std::size_t queue_limit = 256;
    /// A job that found no free connection for this long fails instead of running.
    std::chrono::milliseconds queue_timeout{2000};
    /// After a failed connection attempt, jobs fail at once for this long before the next attempt
    /// (a database that is down is not asked again by every queued job).
    std::chrono::milliseconds reconnect_pause{500};
};

/// A bounded pool of PostgreSQL connections, each used by one worker thread, with a bounded
/// queue of jobs in front of them. A job is a function `result<T>(postgres_connection&)`; the
/// I/O threads never wait for the database: `run` suspends the coroutine and resumes it on its
/// own executor with the job's outcome.
///
/// Failures (every one: `errc::storage_unavailable`, the cause in the message, the database in
/// the context "database"): the queue is full; the job waited longer than `queue_timeout`; the
/// database cannot be reached (then for `reconnect_pause` every job fails at once); a
/// `postgres_error` thrown by the job. A connection found lost (the server restarted) is opened
/// anew before the next job, so the pool recovers on its own. Any other exception from a job
/// becomes `errc::internal`. A transaction the job left open is rolled back.
///
/// Bounds: a job waits at most `queue_timeout` for a connection, then takes at most
/// `connect_timeout` to connect and `statement_timeout` per statement (server-side, and TCP's
/// user timeout on the client side). Thread-safe.
class postgres_pool {
  public:
    /// Starts the worker threads; they connect when their first job comes (so a pool can be made
    /// while the database is down: its jobs fail until it is back).
    explicit postgres_pool(postgres_pool_settings settings);
    /// `close()`.
    ~postgres_pool();
    postgres_pool(const postgres_pool&) = delete;
    postgres_pool& operator=(const postgres_pool&) = delete;

    /// The outcome type of a job.
    template <class Work>
    using outcome_of = std::invoke_result_t<Work&, postgres_connection&>;

    /// Runs `work(connection)` on a worker thread and resumes the awaiting coroutine on its own
    /// executor with the outcome (or the pool's failure). Never blocks the caller's thread.
    /// `work` must not call back into this pool.
    template <class Work>
    boost::asio::awaitable<outcome_of<Work>> run(Work work);

    /// `run` for a caller that may block (a thread of a CPU pool, a command-line program; never an
    /// I/O thread): waits for the outcome, at most the bounds above (plus a second).
    template <class Work>
    outcome_of<Work> run_blocking(Work work);

    /// Fails the jobs still queued (`storage_unavailable`), lets the running ones finish and
    /// joins the workers; later jobs fail at once. Call it while the executors that await jobs
    /// still exist (`serve`: after its threads stopped, before its io_contexts are destroyed),
    /// since a finishing job posts its outcome to its caller's executor. Idempotent.
    void close();

    /// Jobs waiting for a connection now.
    std::size_t queued() const;

    const postgres_pool_settings& settings() const noexcept { return settings_; }

    /// A queued job (implementation detail of `run` and `run_blocking`).
    class job {
      public:
        virtual ~job() = default;
        /// Runs the work on `db`, keeping its outcome; may throw (`postgres_error`, …).
        virtual void run(postgres_connection& db) = 0;
        /// Delivers the kept outcome, or `failure` instead when it is set. Called exactly once.
        virtual void complete(std::optional<error> failure) = 0;
        std::chrono::steady_clock::time_point queued_at = std::chrono::steady_clock::now();
    };

  private:
    template <class R>
    class awaited_job;
    template <class R>
    class blocking_job;

    void add(std::unique_ptr<job> j);
    void work_until_closed();
    /// The failure every job gets while the database is known to be down (a connection attempt
    /// failed less than `reconnect_pause` ago); none when it may be tried.
    std::optional<error> known_down(std::chrono::steady_clock::time_point now);
    void note_down(const postgres_error& e, std::chrono::steady_clock::time_point now);
    error failure_of(const std::string& what) const;

    postgres_pool_settings settings_;
    std::string database_;  // the URL, for errors (it carries no password)
    mutable std::mutex mutex_;
    std::condition_variable queue_changed_;
    std::deque<std::unique_ptr<job>> queue_;
    bool closing_ = false;
    std::chrono::steady_clock::time_point down_until_{};
    std::string down_because_;
    std::vector<std::thread> workers_;
};

template <class R>
class postgres_pool::awaited_job final : public postgres_pool::job {
  public:
    using work_type = std::function<R(postgres_connection&)>;
    using handler_type = boost::asio::any_completion_handler<void(R)>;

    awaited_job(work_type work, handler_type handler, boost::asio::any_io_executor executor)
        : work_(std::move(work)), handler_(std::move(handler)), executor_(std::move(executor)) {}

    void run(postgres_connection& db) override { outcome_.emplace(work_(db)); }

    void complete(std::optional<error> failure) override {
        R outcome = failure    ? R(std::move(*failure))
                    : outcome_ ? std::move(*outcome_)
                               : R(make_error(errc::internal, "the database job did not run"));
        boost::asio::post(executor_,
                          [handler = std::move(handler_), outcome = std::move(outcome)]() mutable {
                              std::move(handler)(std::move(outcome));
                          });
    }

  private:
    work_type work_;
    handler_type handler_;
    // Counts as outstanding work, so the awaiting io_context does not run out meanwhile.
    boost::asio::any_io_executor executor_;
    std::optional<R> outcome_;
};

template <class R>
class postgres_pool::blocking_job final : public postgres_pool::job {
  public:
    using work_type = std::function<R(postgres_connection&)>;

    blocking_job(work_type work, std::shared_ptr<std::promise<R>> promise)
        : work_(std::move(work)), promise_(std::move(promise)) {}

    void run(postgres_connection& db) override { outcome_.emplace(work_(db)); }

    void complete(std::optional<error> failure) override {
        promise_->set_value(failure ? R(std::move(*failure))
                            : outcome_
                                ? std::move(*outcome_)
                                : R(make_error(errc::internal, "the database job did not run")));
    }

  private:
    work_type work_;
    // Shared with the waiting caller, which may have given up waiting.
    std::shared_ptr<std::promise<R>> promise_;
    std::optional<R> outcome_;
};

template <class Work>
boost::asio::awaitable<postgres_pool::outcome_of<Work>> postgres_pool::run(Work work) {
    using R = outcome_of<Work>;
    namespace net = boost::asio;
    return net::async_initiate<const net::use_awaitable_t<>&, void(R)>(
        [this](auto handler, std::function<R(postgres_connection&)> queued) {
            net::any_io_executor executor = net::prefer(net::get_associated_executor(handler),
                                                        net::execution::outstanding_work.tracked);
            add(std::make_unique<awaited_job<R>>(
                std::move(queued), typename awaited_job<R>::handler_type(std::move(handler)),
                std::move(executor)));
        },
        net::use_awaitable, std::function<R(postgres_connection&)>(std::move(work)));
}

template <class Work>
postgres_pool::outcome_of<Work> postgres_pool::run_blocking(Work work) {
    using R = outcome_of<Work>;
    auto promise = std::make_shared<std::promise<R>>();
    std::future<R> future = promise->get_future();
    add(std::make_unique<blocking_job<R>>(std::function<R(postgres_connection&)>(std::move(work)),
                                          promise));
    const auto& c = settings_.connection;
    if (c.statement_timeout.count() > 0) {
        const auto bound = settings_.queue_timeout + c.connect_timeout + c.statement_timeout +
                           std::chrono::seconds(1);
        if (future.wait_for(bound) != std::future_status::ready) {
            return failure_of(
                "no answer from the database within " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::milliseconds>(bound).count()) +
                " ms");
        }
    }
    return future.get();
}

}  // namespace ncpeh::gateway::storage
