#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "gateway/audit/audit_trail.hpp"
#include "gateway/storage/sqlite_connection.hpp"

namespace ncpeh::gateway::audit {

/// The embedded audit trail: one SQLite table (WAL, synchronous=NORMAL) with a row per event,
/// written under a mutex. Survives a process crash once `record` has returned.
class sqlite_audit_trail final : public audit_trail {
  public:
    /// Opens or creates the database file and its table. Start-up only.
    /// Errors: `errc::config_invalid` naming the file when it cannot be opened or created.
    static result<std::unique_ptr<sqlite_audit_trail>> open(const std::filesystem::path& file);

    result<void> record(const audit_event& event) override;

    /// The newest `limit` events, newest first (operators, tests).
    result<std::vector<audit_event>> newest(std::size_t limit) const;

  private:
    explicit sqlite_audit_trail(storage::sqlite_connection db);

    mutable std::mutex mutex_;
    mutable storage::sqlite_connection db_;
    storage::sqlite_statement insert_;  // prepared once: preparing cost as much as the insert
};

}  // namespace ncpeh::gateway::audit
