#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "gateway/audit/audit_trail.hpp"
#include "gateway/storage/sqlite_connection.hpp"

namespace ncpeh::gateway::audit {

/// The embedded audit trail: one SQLite table (WAL, synchronous=NORMAL) with a row per event,
/// written under a mutex. Survives a process crash once `record` has returned.
/// WAL checkpoints (copying the log into the database file, with an fsync) run once a second on
/// a thread of their own: left to SQLite they ran inside `record` every thousand pages and held
/// both request threads for the length of an fsync.
class sqlite_audit_trail final : public audit_trail {
  public:
    /// Opens or creates the database file and its table. Start-up only.
    /// Errors: `errc::config_invalid` naming the file when it cannot be opened or created.
    static result<std::unique_ptr<sqlite_audit_trail>> open(const std::filesystem::path& file);

    result<void> record(const audit_event& event) override;

    /// The newest `limit` events, newest first (operators, tests).
    result<std::vector<audit_event>> newest(std::size_t limit) const;

  private:
    sqlite_audit_trail(storage::sqlite_connection db, const std::filesystem::path& file);

    mutable std::mutex mutex_;
    mutable storage::sqlite_connection db_;
    std::jthread checkpointer_;  // last: stopped and joined first
};

}  // namespace ncpeh::gateway::audit
