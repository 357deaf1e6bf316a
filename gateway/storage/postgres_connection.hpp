#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::gateway::storage {

// A thin libpq layer for the shared state of several gateway instances (`[database] url =
// "postgresql://…"`). Like the SQLite layer, SQL failures throw here; the pool
// (postgres_pool.hpp) turns them into `errc::storage_unavailable` at its boundary, and a store
// catches the few it expects (a unique violation) itself. Data only ever travels as parameters
// of `execute` (PQexecParams, text format): never spliced into SQL text.

/// What the layer throws: libpq's or the server's message, the SQLSTATE when the server sent
/// one, and whether the connection is gone (the pool then opens a new one for the next job).
/// The message never holds the password.
class postgres_error : public std::runtime_error {
  public:
    postgres_error(const std::string& message, std::string sqlstate, bool connection_lost)
        : std::runtime_error(message),
          sqlstate_(std::move(sqlstate)),
          connection_lost_(connection_lost) {}
    /// The five-character SQLSTATE ("23505"); empty when the server sent none (the connection
    /// could not be opened or broke).
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    /// The connection cannot be used any more (server restarted or unreachable, network down).
    bool connection_lost() const noexcept { return connection_lost_; }
    /// SQLSTATE 23505: a unique or primary key constraint refused the row.
    bool is_unique_violation() const noexcept { return sqlstate_ == "23505"; }

  private:
    std::string sqlstate_;
    bool connection_lost_;
};

/// One parameter of a statement, sent as text (`$1`, `$2`, … in the SQL; cast in SQL where the
/// type matters: `$1::bigint`). Null when built from `std::nullopt`.
class postgres_param {
  public:
    postgres_param(std::string_view text) : value_(std::string(text)) {}
    postgres_param(const std::string& text) : value_(text) {}
    postgres_param(const char* text) : value_(std::string(text)) {}
    postgres_param(std::nullopt_t) noexcept {}
    template <std::integral Integer>
    requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>)
        postgres_param(Integer number)
        : value_(std::to_string(number)) {}

    /// The text, or nullptr for SQL NULL (valid while the parameter lives).
    const char* c_str() const noexcept { return value_ ? value_->c_str() : nullptr; }

  private:
    std::optional<std::string> value_;
};

/// The rows of one statement. Columns and rows are 0-based; reading a cell that does not exist
/// throws `postgres_error`.
class postgres_result {
  public:
    int rows() const noexcept { return PQntuples(result_.get()); }
    int columns() const noexcept { return PQnfields(result_.get()); }
    /// Rows the statement inserted, updated or deleted (0 for other statements).
    std::int64_t affected_rows() const;
    /// The cell as text ("" for NULL).
    std::string text(int row, int column) const;
    /// The cell as a 64-bit integer (integer, bigint, count(*)); throws when it is not one.
    std::int64_t integer(int row, int column) const;
    bool is_null(int row, int column) const;

  private:
    friend class postgres_connection;
    struct clear {
        void operator()(PGresult* r) const noexcept { PQclear(r); }
    };
    explicit postgres_result(PGresult* r) : result_(r) {}
    void check_cell(int row, int column) const;
    std::unique_ptr<PGresult, clear> result_;
};

/// Where and how to connect.
struct postgres_settings {
    /// `postgresql://USER@HOST:PORT/DATABASE[?param=value…]` (libpq's URI syntax), without a
    /// password: the configuration refuses one written there.
    std::string url;
    /// The password (`[database] password_env` / `password_file`); empty: none, libpq's own
    /// sources (~/.pgpass, PGPASSWORD) apply. Sent with libpq's `password` keyword, never logged.
    std::string password;
    /// How long opening a connection may take (libpq `connect_timeout`, whole seconds, at least 2).
    std::chrono::seconds connect_timeout{5};
    /// How long one statement may run on the server (`statement_timeout`) and how long sent data
    /// may stay unacknowledged before the connection counts as lost (`tcp_user_timeout`);
    /// 0: no limit (migrations).
    std::chrono::milliseconds statement_timeout{5000};
    /// Shown in `pg_stat_activity`.
    std::string application_name = "ncpeh";
};

/// One libpq connection; not thread-safe (the pool gives each connection to one worker thread).
class postgres_connection {
  public:
    /// Connects (blocking, at most `settings.connect_timeout`). Throws `postgres_error` with
    /// `connection_lost()` when it cannot: unreachable, refused, wrong password (libpq's message,
    /// which names host, port and user but never the password).
    explicit postgres_connection(const postgres_settings& settings);

    /// Runs one statement with text parameters and returns its rows. Throws `postgres_error`.
    postgres_result execute(std::string_view sql,
                            std::initializer_list<postgres_param> params = {});
    postgres_result execute(std::string_view sql, const std::vector<postgres_param>& params);

    /// Runs a script of several statements without parameters (PQexec): only for SQL text this
    /// program owns (the migrations), never for anything that holds data. Throws `postgres_error`.
    void execute_script(std::string_view sql);

    /// Whether the connection still looks usable: not broken by an earlier call, and the server
    /// has not closed it meanwhile (a restart closes idle connections: checked without blocking
    /// by reading what is waiting on the socket).
    bool is_usable();

    /// Whether a transaction is open (or failed and awaiting ROLLBACK).
    bool in_transaction() const noexcept;

    /// "HOST:PORT/DATABASE as USER", for messages.
    std::string describe() const;

  private:
    struct finish {
        void operator()(PGconn* c) const noexcept { PQfinish(c); }
    };
    postgres_result check(PGresult* raw, std::string_view sql);
    std::unique_ptr<PGconn, finish> connection_;
};

/// BEGIN … COMMIT; rolls back in the destructor unless `commit()` ran, so an exception or an
/// early return leaves nothing half-written.
class postgres_transaction {
  public:
    explicit postgres_transaction(postgres_connection& db);
    ~postgres_transaction();
    postgres_transaction(const postgres_transaction&) = delete;
    postgres_transaction& operator=(const postgres_transaction&) = delete;
    void commit();

  private:
    postgres_connection& db_;
    bool done_ = false;
};

/// Runs `work(db)` in a transaction: committed when it returns a value, rolled back when it
/// returns an error or throws (the exception goes on). `work` returns a `result<T>`.
template <class Work>
auto in_transaction(postgres_connection& db, Work&& work) -> decltype(work(db)) {
    postgres_transaction transaction(db);
    auto outcome = work(db);
    if (outcome) {
        transaction.commit();
    }
    return outcome;
}

}  // namespace ncpeh::gateway::storage
