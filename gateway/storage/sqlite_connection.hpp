#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ncpeh::gateway::storage {

// A thin SQLite layer for the embedded storage of the gateway (audit trail) and of the
// reference national store. SQL failures are exceptional here (disk full, corrupt file), so they
// throw; each caller turns them into its own error at its boundary.

/// One prepared statement; bind by 1-based index, step, read columns. Errors throw
/// `std::runtime_error` with SQLite's message.
class sqlite_statement {
  public:
    sqlite_statement(sqlite3* db, std::string_view sql);

    sqlite_statement& bind(int index, std::string_view text);
    sqlite_statement& bind(int index, std::int64_t value);
    sqlite_statement& bind_null(int index);
    /// Runs one step: true when a row is available.
    bool step();
    /// Runs to completion (for statements without rows).
    void run();
    /// Makes the statement ready to be bound and run again (a statement kept across calls).
    sqlite_statement& reset() noexcept;
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;

  private:
    struct finalizer {
        void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, finalizer> statement_;
};

/// An SQLite database in WAL mode with a busy timeout; not thread-safe (callers serialise use:
/// the store from its one I/O thread, the audit trail behind a mutex).
class sqlite_connection {
  public:
    /// Opens or creates `file`. Throws `std::runtime_error` when it cannot.
    explicit sqlite_connection(const std::filesystem::path& file);

    /// Runs one or more statements without results.
    void execute(std::string_view sql);
    sqlite_statement prepare(std::string_view sql) { return sqlite_statement(db_.get(), sql); }
    std::int64_t changes() const noexcept { return sqlite3_changes(db_.get()); }

  private:
    struct closer {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, closer> db_;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back in the destructor unless `commit()` ran, so an error
/// anywhere leaves nothing half-written.
class sqlite_transaction {
  public:
    explicit sqlite_transaction(sqlite_connection& db);
    ~sqlite_transaction();
    sqlite_transaction(const sqlite_transaction&) = delete;
    sqlite_transaction& operator=(const sqlite_transaction&) = delete;
    void commit();

  private:
    sqlite_connection& db_;
    bool done_ = false;
};

}  // namespace ncpeh::gateway::storage
