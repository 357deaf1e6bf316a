#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "gateway/audit/spooling_audit_trail.hpp"
#include "gateway/storage/database_files.hpp"
#include "gateway/storage/sqlite_connection.hpp"

namespace ncpeh::gateway::audit {

/// The embedded audit trail: one SQLite table (WAL, synchronous=NORMAL) with a row per event.
/// A writer thread of its own stores the events: it takes everything waiting (up to
/// `max_batch`), inserts it in one transaction and then completes each `record`. Under load many
/// requests share one commit, whose locking and log writes cost far more than the inserts.
/// An event survives a process crash once its `record` has completed.
/// WAL checkpoints (copying the log into the database file, with an fsync) run once a second on
/// a thread of their own: left to SQLite they ran inside the commit every thousand pages.
/// The database belongs to this process alone while it runs (`sqlite_locking::exclusive`: no
/// shared-memory file that a mistake could turn into SIGBUS; a second instance on the same file
/// is refused at start). Before each write the files are checked (`storage::database_files`):
/// a file moved away, replaced, read-only or immutable fails the events with the reason, logged
/// once as `audit.unavailable`, and `audit.available` when writing works again.
/// It is also the ATNA spool (table `atna_spool`): once `spool_for_atna` was called, each event's
/// ATNA messages are inserted in the transaction that stores the event.
class sqlite_audit_trail final : public spooling_audit_trail {
  public:
    /// The most events one transaction takes; the rest wait for the next.
    static constexpr std::size_t max_batch = 256;

    /// Opens or creates the database file and its table. Start-up only. A file written by an
    /// older build is upgraded in place: the columns it lacks are added (empty for its rows) and
    /// the patient index is built.
    /// Errors: `errc::config_invalid` naming the file when it cannot be opened or created, is
    /// not writable, or is in use by another process.
    static result<std::unique_ptr<sqlite_audit_trail>> open(const std::filesystem::path& file);

    /// Stores what is still waiting and completes every `record` before it returns: the
    /// executors of those records must still exist (the gateway ends its sessions first).
    ~sqlite_audit_trail() override;
    sqlite_audit_trail(const sqlite_audit_trail&) = delete;
    sqlite_audit_trail& operator=(const sqlite_audit_trail&) = delete;

    /// When the transaction holding `event` fails, every event of that transaction completes
    /// with `errc::internal` and none of them is stored.
    boost::asio::awaitable<result<void>> record(audit_event event) override;

    /// The checks made before each write (`storage::database_files::check_writable`).
    result<void> check_writable() const override { return files_.check_writable(); }

    result<std::vector<audit_event>> newest(std::size_t limit) const override;
    result<std::vector<transaction_count>> count_transactions(
        std::chrono::system_clock::time_point from,
        std::chrono::system_clock::time_point to) const override;
    /// Served by the index on (patient_id, at_ms, seq): a page costs the same however long the
    /// trail is.
    result<patient_access_page> patient_access(const patient_access_query& query) const override;

    /// From now on, the messages `render` makes of each event are spooled with it, and
    /// `on_spooled` is called (on the writer thread, right after the commit, quickly: it must
    /// not block) whenever some were. Empty functions stop both (before what `on_spooled`
    /// reaches goes away).
    void spool_for_atna(atna_renderer render, std::function<void()> on_spooled) override;

    result<std::vector<spooled_message>> undelivered(std::size_t limit) const override;
    result<void> mark_delivered(std::int64_t seq) override;
    result<spool_backlog> backlog() const override;

    /// Transactions committed so far (tests, diagnostics).
    std::uint64_t commits() const noexcept { return commits_.load(std::memory_order_relaxed); }

    /// Holds the database as a long commit would: records queue up until the lock is released.
    std::unique_lock<std::mutex> hold_writes_for_test() { return std::unique_lock(db_mutex_); }

  private:
    struct waiting {
        waiting(audit_event e, boost::asio::any_completion_handler<void(result<void>)> h,
                boost::asio::any_io_executor x)
            : event(std::move(e)), handler(std::move(h)), handler_executor(std::move(x)) {}
        // No copy and no assignment: Boost 1.81's any_completion_handler recurses without end
        // when copied or move-assigned (both reach its converting constructor with an lvalue).
        waiting(waiting&&) noexcept = default;
        waiting& operator=(waiting&&) = delete;

        audit_event event;
        boost::asio::any_completion_handler<void(result<void>)> handler;
        // Counts as outstanding work, so the awaiting io_context does not run out meanwhile.
        boost::asio::any_io_executor handler_executor;
    };

    sqlite_audit_trail(storage::sqlite_connection db, storage::database_files files);
    void enqueue(waiting w);
    void write_until_closed();
    result<void> store(const std::vector<waiting>& batch);
    void checkpoint_every_second(std::stop_token stop);
    /// Checks the files before a write; logs when writing stops or starts working again.
    result<void> check_files();

    mutable std::mutex db_mutex_;  // the writer, the checkpointer and `newest` share it
    mutable storage::sqlite_connection db_;
    storage::database_files files_;
    bool unavailable_ = false;  // guarded by db_mutex_
    std::atomic<std::uint64_t> commits_{0};
    atna_renderer render_;              // set before the first record
    std::function<void()> on_spooled_;  // likewise

    std::mutex queue_mutex_;
    std::condition_variable queue_changed_;
    std::deque<waiting> queue_;
    bool closing_ = false;

    std::jthread writer_;
    std::jthread checkpointer_;  // last: stopped and joined first
};

}  // namespace ncpeh::gateway::audit
