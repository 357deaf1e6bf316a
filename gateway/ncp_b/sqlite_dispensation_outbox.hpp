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

/// The embedded dispensation outbox: the table `dispensation_outbox`, the eD CDAs in
/// `dispensation_outbox_document` (written once: the record's row, updated at every claim and
/// outcome, stays a few hundred bytes instead of dragging ~15 KB of overflow pages through every
/// update), and the schema version in `dispensation_outbox_schema`, in an SQLite file of its
/// own, in WAL mode. A version 1 file (the CDA in the record's row) is migrated when opened.
///
/// Durability: a transaction with an `enqueue` commits with `synchronous=FULL`, syncing the WAL
/// to disk before `enqueue` completes: an accepted dispensation survives a power loss, not only a
/// process crash. Claims and outcomes commit with `NORMAL` (no sync; safe against a process
/// crash, as the audit trail): on a power loss the last of them may be lost, which leaves a
/// record due again, to be sent again with the same eD id and bytes, never a record lost. A
/// sync costs from a few to tens of milliseconds, so a thread of the outbox's own runs every
/// operation and commits everything waiting (up to `max_batch`) in one transaction, each operation
/// in a savepoint of its own: one sync serves many concurrent enqueues and status updates, and one
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
    static constexpr std::int64_t schema_version = 2;

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

    /// What an operation needs of the batch's transaction.
    enum class access {
        read,
        write,          ///< takes the write lock
        durable_write,  ///< takes the write lock and syncs the commit to disk
    };
    /// One operation waiting for the outbox's thread (defined in the .cpp).
    class job;

  private:
    sqlite_dispensation_outbox(storage::sqlite_connection db, storage::database_files files);

    /// Runs `work` on the outbox's thread inside a batch's transaction and completes with its
    /// outcome once the transaction committed.
    template <class T>
    boost::asio::awaitable<result<T>> submit(
        access needs, std::function<result<T>(storage::sqlite_connection&)> work);
    void add(std::unique_ptr<job> j);
    void work_until_closed();
    void run_batch(std::vector<std::unique_ptr<job>>& batch);

    storage::sqlite_connection db_;  // used by the outbox's thread only
    storage::database_files files_;
    std::atomic<std::uint64_t> commits_{0};
    bool synchronous_full_ = true;  // the connection's setting (the outbox's thread only)

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

}  // namespace ncpeh::gateway::ncp_b
