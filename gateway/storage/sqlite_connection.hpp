#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ncpeh::gateway::storage {

// A thin SQLite layer for the embedded storage of the gateway (audit trail) and of the
// reference national store. SQL failures are exceptional here (disk full, corrupt file), so they
// throw; each caller turns them into its own error at its boundary.

class statement_cache;

/// What the layer throws: SQLite's message with its result code.
class sqlite_error : public std::runtime_error {
  public:
    sqlite_error(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
    /// SQLite's primary result code (SQLITE_BUSY, SQLITE_IOERR, …).
    int code() const noexcept { return code_; }
    /// Another connection holds the database (SQLITE_BUSY or SQLITE_LOCKED).
    bool locked() const noexcept;

  private:
    int code_;
};

/// One prepared statement; bind by 1-based index, step, read columns. Errors throw
/// `std::runtime_error` with SQLite's message. One made by `sqlite_connection::prepare` goes
/// back to its connection's cache, reset, when it is destroyed.
class sqlite_statement {
  public:
    /// Prepares `sql` on its own, outside any cache.
    sqlite_statement(sqlite3* db, std::string_view sql);

    sqlite_statement& bind(int index, std::string_view text);
    sqlite_statement& bind(int index, std::int64_t value);
    sqlite_statement& bind_null(int index);
    /// Runs one step: true when a row is available.
    bool step();
    /// Runs to completion (for statements without rows).
    void run();
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;

  private:
    friend class sqlite_connection;
    struct release {
        std::weak_ptr<statement_cache> home;  // empty or expired: finalize
        void operator()(sqlite3_stmt* s) const noexcept;
    };
    sqlite_statement(sqlite3* db, sqlite3_stmt* prepared, std::weak_ptr<statement_cache> home);

    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, release> statement_;
};

/// Whether other connections may use the database while this one is open.
enum class sqlite_locking {
    /// Any connection, of this process or another (readers beside the writer): the WAL index is
    /// a shared-memory file (`-shm`) that SQLite maps into each process.
    shared,
    /// This connection only, from its first statement to its close (`locking_mode=EXCLUSIVE`
    /// before WAL mode starts): the WAL index lives in the heap and no `-shm` file is mapped.
    /// A mapped file can kill the process with SIGBUS when it is made immutable or truncated
    /// under it; without one, such an operator's mistake is an ordinary I/O error.
    exclusive,
};

/// An SQLite database in WAL mode with a busy timeout; not thread-safe (callers serialise use:
/// the store from its one I/O thread, the audit trail behind a mutex).
class sqlite_connection {
  public:
    /// Opens or creates `file`. Throws `std::runtime_error` when it cannot, and with
    /// `sqlite_locking::exclusive` when another connection holds the database.
    explicit sqlite_connection(const std::filesystem::path& file,
                               sqlite_locking locking = sqlite_locking::shared);

    ~sqlite_connection();
    sqlite_connection(sqlite_connection&&) noexcept = default;
    sqlite_connection& operator=(sqlite_connection&&) noexcept = default;

    /// Runs one or more statements without results.
    void execute(std::string_view sql);
    /// A prepared statement for `sql`, taken from the connection's cache of idle statements
    /// when one is there (preparing costs about as much as running a simple query).
    sqlite_statement prepare(std::string_view sql);
    std::int64_t changes() const noexcept { return sqlite3_changes(db_.get()); }

  private:
    struct closer {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, closer> db_;
    std::shared_ptr<statement_cache> cache_;  // destroyed first: finalizes idle statements
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
