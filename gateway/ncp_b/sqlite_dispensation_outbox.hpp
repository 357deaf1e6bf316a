#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gateway/ncp_b/dispensation_outbox.hpp"
#include "gateway/storage/database_files.hpp"
#include "gateway/storage/sqlite_connection.hpp"

namespace ncpeh::gateway::ncp_b {

/// The embedded dispensation outbox: the table `dispensation_outbox` (and its schema version in
/// `dispensation_outbox_schema`) in an SQLite file of its own, in WAL mode.
///
/// Durability: `synchronous=FULL` on the outbox's connection, so each commit syncs the WAL to
/// disk before `enqueue` completes: an acknowledged dispensation survives a power loss, not only
/// a process crash (`NORMAL`, the audit trail's choice, may lose the last commits on a power
/// loss). A sync costs a few milliseconds, so a thread of the outbox's own runs every operation
/// and commits everything waiting (up to `max_batch`) in one transaction, each operation in a
/// savepoint of its own: one sync serves many concurrent enqueues and status updates, and one
/// operation's failure leaves the others of its transaction intact.
///
/// The file is shared (`sqlite_locking::shared`): several ncpeh processes on one host may use
/// it, and `claim_due` runs in a `BEGIN IMMEDIATE` transaction, so no two of them claim the same
/// record. Before each write the files are checked (`storage::database_files`): a file moved
/// away, replaced, read-only or immutable fails the operation with `errc::storage_unavailable`
/// instead of writing into a file nobody will read again.
class sqlite_dispensation_outbox final : public dispensation_outbox {
  public:
    /// The most operations one transaction takes; the rest wait for the next.
    static constexpr std::size_t max_batch = 256;
    /// The schema version this build reads and writes.
    static constexpr std::int64_t schema_version = 1;

    struct options {
        /// How long an operation waits for another connection's write transaction before it
        /// fails with `errc::storage_unavailable`.
        std::chrono::milliseconds busy_timeout{5000};
    };

    /// Opens or creates the database file and its tables. Start-up only.
    /// Errors: `errc::config_invalid` naming the file when it cannot be opened, created or
    /// written, or holds a newer schema version than this build knows.
    static result<std::unique_ptr<sqlite_dispensation_outbox>> open(
        const std::filesystem::path& file, options settings);
    static result<std::unique_ptr<sqlite_dispensation_outbox>> open(
        const std::filesystem::path& file) {
        return open(file, options{});
    }

    /// Runs what is still waiting and completes every operation before it returns: the
    /// executors of those operations must still exist.
    ~sqlite_dispensation_outbox() override;
    sqlite_dispensation_outbox(const sqlite_dispensation_outbox&) = delete;
    sqlite_dispensation_outbox& operator=(const sqlite_dispensation_outbox&) = delete;

    boost::asio::awaitable<result<enqueued>> enqueue(outbox_entry entry, outbox_time now) override;
    boost::asio::awaitable<result<std::vector<outbox_record>>> claim_due(
        outbox_time now, std::size_t limit, std::chrono::milliseconds lease,
        std::vector<std::string> held_countries) override;
    boost::asio::awaitable<result<std::optional<outbox_record>>> claim(
        std::string id, outbox_time now, std::chrono::milliseconds lease) override;
    boost::asio::awaitable<result<bool>> mark_delivered(std::string id, outbox_time at) override;
    boost::asio::awaitable<result<bool>> mark_retry(std::string id, int attempt, outbox_error error,
                                                    outbox_time next_attempt_at) override;
    boost::asio::awaitable<result<bool>> mark_failed(std::string id, int attempt,
                                                     outbox_error error) override;
    boost::asio::awaitable<result<outbox_record>> find(std::string id,
                                                       std::string pharmacy_gln) override;
    boost::asio::awaitable<result<outbox_counts>> counts(outbox_time now) override;

    /// Transactions committed so far (tests, diagnostics).
    std::uint64_t commits() const noexcept { return commits_.load(std::memory_order_relaxed); }

    /// One operation waiting for the outbox's thread (defined in the .cpp).
    class job;

  private:
    sqlite_dispensation_outbox(storage::sqlite_connection db, storage::database_files files);

    /// Runs `work` on the outbox's thread inside a batch's transaction (`writes`: one that
    /// takes the write lock) and completes with its outcome once the transaction committed.
    template <class T>
    boost::asio::awaitable<result<T>> submit(
        bool writes, std::function<result<T>(storage::sqlite_connection&)> work);
    void add(std::unique_ptr<job> j);
    void work_until_closed();
    void run_batch(std::vector<std::unique_ptr<job>>& batch);

    storage::sqlite_connection db_;  // used by the outbox's thread only
    storage::database_files files_;
    std::atomic<std::uint64_t> commits_{0};

    std::mutex queue_mutex_;
    std::condition_variable queue_changed_;
    std::deque<std::unique_ptr<job>> queue_;
    bool closing_ = false;

    std::thread worker_;  // last: started once everything else exists
};

/// The outbox file of a `sqlite:PATH` database URL: beside PATH, named `<stem>.outbox<ext>`
/// (`sqlite:/var/lib/ncpeh/ncpeh.db` → `/var/lib/ncpeh/ncpeh.outbox.db`). Not PATH itself: the
/// audit trail keeps its file to one process (`sqlite_locking::exclusive`), while the outbox is
/// shared by every ncpeh process on the database. nullopt for other URLs.
std::optional<std::filesystem::path> outbox_file_of(const std::string& database_url);

/// The outbox named by `[database] url` (its folder is created). PostgreSQL (#16):
/// `errc::not_available_yet`. Other errors: `sqlite_dispensation_outbox::open`'s.
result<std::unique_ptr<sqlite_dispensation_outbox>> open_dispensation_outbox(
    const std::string& database_url);

}  // namespace ncpeh::gateway::ncp_b
