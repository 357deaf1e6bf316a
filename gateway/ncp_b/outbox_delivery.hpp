#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gateway/ncp_b/dispensation_outbox.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ncp_b {

/// Sends one record to its foreign NCP-A (XDR ITI-41 with fresh assertions), completing with
/// success once the NCP-A acknowledged it. Its errors decide what happens to the record
/// (`is_transient_delivery_error`). Must finish within the delivery's `lease`.
using outbox_sender =
    std::function<boost::asio::awaitable<result<void>>(const outbox_record& record)>;

/// Whether another attempt may succeed where this one failed: the foreign NCP-A could not be
/// reached, timed out, answered something unusable, or said its own side is down; or our side
/// failed (`storage_unavailable`, `internal`: an operator can fix it). False when the foreign
/// NCP-A judged the eDispensation itself (`foreign_ncp_refused` with another remote code,
/// `no_matching_eprescription`, `eprescription_already_dispensed`, every `ed_*`, ...): sending
/// the same bytes again cannot change its verdict. Transient remote codes: `4103`, `4104`,
/// `ERROR_GENERIC_CONNECTION_NOT_POSSIBLE`, `ERROR_ED_EDISPENSATION_ACK_NOT_RECEIVED`,
/// `ERROR_ED_EDISPENSATION_NOT_STORED`, `ERROR_ED_INFORMATION_NOT_STORE`,
/// `ERROR_ED_DISCARD_SERVICE_NOT_AVAILABLE` (ehdsi-protocol.md §6.2), and a SOAP 1.2 `Receiver`
/// fault ("may succeed at a later point in time", SOAP 1.2 part 1 §5.4.6).
bool is_transient_delivery_error(const error& e) noexcept;

/// What the outbox keeps of `e`: its `errc` name, and its message with its context
/// ("... [remote_code=4105]").
outbox_error outbox_error_of(const error& e);

/// The wait before the next attempt after `failed_attempts` (≥ 1) failed ones: exponential,
/// `first_retry * 2^(failed_attempts - 1)` capped at `max_retry`, with "equal jitter": half of
/// it fixed, the other half scaled by `jitter` in [0, 1), so that records failed together do not
/// come back together. Never below `first_retry` nor above `max_retry`.
std::chrono::milliseconds retry_delay(int failed_attempts, std::chrono::milliseconds first_retry,
                                      std::chrono::milliseconds max_retry, double jitter) noexcept;

struct delivery_settings {
    /// The wait after the first failed attempt, and the longest one.
    std::chrono::milliseconds first_retry{std::chrono::seconds(30)};
    std::chrono::milliseconds max_retry{std::chrono::minutes(30)};
    /// A record not delivered this long after its enqueue is given up (`failed`, with its last
    /// error): the last retry is scheduled at `created_at + max_age`.
    std::chrono::milliseconds max_age{std::chrono::hours(72)};
    /// How long a claim holds a record: longer than any attempt (the sender's deadline), or a
    /// slow attempt's record could be claimed and sent again by another deliverer.
    std::chrono::milliseconds lease{std::chrono::minutes(2)};
    /// How often the loop looks for due records without being notified: those of other ncpeh
    /// processes, and expired leases.
    std::chrono::milliseconds poll_interval{std::chrono::seconds(5)};
    /// Attempts of the loop under way at once. `deliver_now`'s count too, but are never held
    /// back: the pharmacy waits for them.
    std::size_t max_in_flight = 16;
    /// The time (tests inject theirs): claims, leases, backoff and ages are computed from it.
    std::function<outbox_time()> clock = [] { return outbox_clock::now(); };
    /// A number in [0, 1) for `retry_delay`'s jitter; empty: a random generator.
    std::function<double()> jitter;
};

/// What `deliver_now` saw: `delivered`; `failed` (refused, with the error); `queued` (the attempt
/// failed and will be retried, with the error, or the record was not due: another deliverer
/// holds it); or `delivering` (the attempt goes on after the wait; the loop's bookkeeping will
/// record how it ends).
struct delivery_report {
    outbox_status status = outbox_status::queued;
    std::optional<outbox_error> error;
};

/// Delivers the outbox's due records through `sender`: a coroutine loop on a strand of its own
/// that claims due records in batches (up to the free attempt slots), runs up to
/// `max_in_flight` attempts at once, and records each outcome (`mark_delivered`, `mark_retry`
/// with `retry_delay`, `mark_failed`). A partner whose NCP-A an attempt found unreachable or
/// hanging
/// (`foreign_ncp_unreachable`, `foreign_ncp_timeout`) is held for `first_retry`: its records are
/// not claimed and `deliver_now` does not try it, so that thousands of records queued while a
/// country is down cost nothing until the hold ends; then the next claim tries again, and a
/// delivered record lifts the hold at once. It wakes up at once on `notify`, at the earliest retry
/// it scheduled, and every `poll_interval`. A record is attempted by one deliverer at a time, in
/// this process or another (the outbox's lease). Errors of the outbox itself are logged and
/// retried at the next wake-up; a record whose outcome could not be recorded becomes due again
/// when its lease ends (sent again with the same eD document id and bytes).
/// Thread-safe: every public function may be called from any thread.
class outbox_delivery {
  public:
    /// `outbox` must outlive this object. Nothing runs before `start`.
    outbox_delivery(boost::asio::any_io_executor executor, dispensation_outbox& outbox,
                    outbox_sender sender, delivery_settings settings);
    outbox_delivery(const outbox_delivery&) = delete;
    outbox_delivery& operator=(const outbox_delivery&) = delete;
    /// Call only after `stop` completed, or once the executor's io_context has stopped and
    /// dropped its work.
    ~outbox_delivery() = default;

    /// Starts the loop.
    void start();

    /// New records are due (an enqueue, an operator's retry): the loop claims at once.
    void notify();

    /// Stops claiming, waits for the attempts under way to end (each bounded by the sender's
    /// deadline) and for the loop to finish. Records not claimed stay queued for the next start.
    boost::asio::awaitable<void> stop();

    /// Claims `id` and attempts it now (the national API's first attempt, right after
    /// `enqueue`), waiting at most `wait` for the outcome; the attempt goes on after that, and
    /// its outcome is recorded as the loop's are. The loop never attempts the same record at
    /// the same time: the claim excludes it.
    /// Errors: the outbox's (`errc::storage_unavailable`) when the record cannot be claimed.
    /// While `country`'s partner is held, nothing is attempted: `queued` with the error that
    /// started the hold.
    boost::asio::awaitable<result<delivery_report>> deliver_now(
        std::string id, std::string country, std::chrono::steady_clock::duration wait);

    /// Attempts started and records delivered by this object (tests, metrics).
    std::uint64_t attempts() const noexcept { return attempts_.load(std::memory_order_relaxed); }
    std::uint64_t delivered() const noexcept { return delivered_.load(std::memory_order_relaxed); }
    /// Records this object gave up (`failed`), and partners held now (tests, metrics).
    std::uint64_t failed() const noexcept { return failed_.load(std::memory_order_relaxed); }
    std::size_t held_partners() const noexcept {
        return held_partners_.load(std::memory_order_relaxed);
    }
    /// The outbox's records by status as the loop last counted them (at most once a second,
    /// when it wakes; every process on the outbox sees the same file): for metrics, without a
    /// database read at each scrape. Empty before the first count.
    std::optional<outbox_counts> last_counts() const;

  private:
    struct attempt_waiter;
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<delivery_report> attempt(outbox_record record);
    boost::asio::awaitable<delivery_report> record_outcome(const outbox_record& record,
                                                           const result<void>& sent);
    boost::asio::awaitable<void> stop_on_strand();
    /// Refreshes `last_counts` when the last count is a second old.
    boost::asio::awaitable<void> count_records();
    boost::asio::awaitable<result<delivery_report>> deliver_now_on_strand(
        std::string id, std::string country, std::chrono::steady_clock::duration wait);
    /// The partners held at `now` (expired holds are dropped).
    std::vector<std::string> held_countries(outbox_time now);
    /// Holds or releases `record`'s partner after an attempt with this outcome.
    void update_hold(const outbox_record& record, const result<void>& sent, outbox_time now);
    /// Spawns `attempt(record)` on the strand; `waiter` (may be null) hears how it ended.
    void spawn_attempt(outbox_record record, std::shared_ptr<attempt_waiter> waiter);
    void wake();
    /// Attempts the loop may still start (deliver_now's may exceed the bound).
    std::size_t free_slots() const noexcept;

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    dispensation_outbox& outbox_;
    outbox_sender sender_;
    delivery_settings settings_;

    // Guarded by the strand.
    boost::asio::steady_timer wake_;      // the loop sleeps on it; cancelled to wake it
    boost::asio::steady_timer finished_;  // `stop` sleeps on it until everything ended
    bool notified_ = false;
    bool stopping_ = false;
    bool running_ = false;
    bool more_due_ = false;  // the last claim filled every free slot
    std::size_t in_flight_ = 0;
    std::optional<outbox_time> earliest_retry_;  // the earliest retry this object scheduled
    struct partner_hold {
        outbox_time until;
        outbox_error error;
    };
    std::map<std::string, partner_hold, std::less<>> holds_;  // by partner country

    std::atomic<std::uint64_t> attempts_{0};
    std::atomic<std::uint64_t> delivered_{0};
    std::atomic<std::uint64_t> failed_{0};
    std::atomic<std::size_t> held_partners_{0};
    std::optional<std::chrono::steady_clock::time_point> last_counted_;  // the strand's
    mutable std::mutex counts_mutex_;
    std::optional<outbox_counts> counts_;
};

}  // namespace ncpeh::gateway::ncp_b
