#include "gateway/storage/sqlite_connection.hpp"

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace ncpeh::gateway::storage {

bool sqlite_error::locked() const noexcept {
    return code_ == SQLITE_BUSY || code_ == SQLITE_LOCKED;
}

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw sqlite_error(std::string(what) + ": " + sqlite3_errmsg(db), sqlite3_errcode(db) & 0xff);
}

sqlite3_stmt* prepare_raw(sqlite3* db, std::string_view sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
        SQLITE_OK) {
        fail(db, "prepare");
    }
    return raw;
}

struct sql_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
        return std::hash<std::string_view>{}(sql);
    }
};

}  // namespace

/// Idle prepared statements of one connection by SQL text. A statement in use is out of the
/// cache, so the same SQL used twice at once (nested queries) simply gets two statements.
class statement_cache {
  public:
    statement_cache() = default;
    statement_cache(const statement_cache&) = delete;
    statement_cache& operator=(const statement_cache&) = delete;
    ~statement_cache() {
        for (auto& [sql, statements] : idle_) {
            for (sqlite3_stmt* s : statements) {
                sqlite3_finalize(s);
            }
        }
    }

    sqlite3_stmt* take(std::string_view sql) {
        const auto found = idle_.find(sql);
        if (found == idle_.end() || found->second.empty()) {
            return nullptr;
        }
        sqlite3_stmt* s = found->second.back();
        found->second.pop_back();
        --count_;
        return s;
    }

    void give_back(sqlite3_stmt* s) noexcept {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        const char* sql = sqlite3_sql(s);
        if (sql == nullptr || count_ >= max_idle) {
            sqlite3_finalize(s);
            return;
        }
        try {
            idle_[std::string(sql)].push_back(s);
            ++count_;
        } catch (...) {
            sqlite3_finalize(s);
        }
    }

  private:
    static constexpr std::size_t max_idle = 128;
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>, sql_hash, std::equal_to<>> idle_;
    std::size_t count_ = 0;
};

void sqlite_statement::release::operator()(sqlite3_stmt* s) const noexcept {
    if (auto cache = home.lock()) {
        cache->give_back(s);
    } else {
        sqlite3_finalize(s);
    }
}

sqlite_statement::sqlite_statement(sqlite3* db, std::string_view sql)
    : db_(db), statement_(prepare_raw(db, sql), release{}) {}

sqlite_statement::sqlite_statement(sqlite3* db, sqlite3_stmt* prepared,
                                   std::weak_ptr<statement_cache> home)
    : db_(db), statement_(prepared, release{std::move(home)}) {}

sqlite_statement& sqlite_statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(statement_.get(), index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        fail(db_, "bind");
    }
    return *this;
}

sqlite_statement& sqlite_statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(statement_.get(), index, value) != SQLITE_OK) {
        fail(db_, "bind");
    }
    return *this;
}

sqlite_statement& sqlite_statement::bind_null(int index) {
    if (sqlite3_bind_null(statement_.get(), index) != SQLITE_OK) {
        fail(db_, "bind");
    }
    return *this;
}

bool sqlite_statement::step() {
    const int rc = sqlite3_step(statement_.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail(db_, "step");
}

void sqlite_statement::run() {
    while (step()) {
    }
}

std::string sqlite_statement::text(int column) const {
    const auto* p = sqlite3_column_text(statement_.get(), column);
    const int n = sqlite3_column_bytes(statement_.get(), column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::int64_t sqlite_statement::integer(int column) const {
    return sqlite3_column_int64(statement_.get(), column);
}

bool sqlite_statement::is_null(int column) const {
    return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

sqlite_connection::sqlite_connection(const std::filesystem::path& file, sqlite_locking locking) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) {
        throw sqlite_error("cannot open database " + file.string() + ": " +
                               (raw ? sqlite3_errmsg(raw) : "out of memory"),
                           rc & 0xff);
    }
    sqlite3_busy_timeout(raw, 5000);
    if (locking == sqlite_locking::exclusive) {
        execute("PRAGMA locking_mode=EXCLUSIVE");
    }
    execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    if (locking == sqlite_locking::exclusive) {
        execute("BEGIN IMMEDIATE; COMMIT;");  // takes the lock now, not at the first write
    }
    cache_ = std::make_shared<statement_cache>();
}

sqlite_connection::~sqlite_connection() {
    cache_.reset();  // idle statements are finalized before the database closes
}

sqlite_statement sqlite_connection::prepare(std::string_view sql) {
    sqlite3_stmt* idle = cache_ ? cache_->take(sql) : nullptr;
    sqlite3* db = db_.get();
    return sqlite_statement(db, idle != nullptr ? idle : prepare_raw(db, sql), cache_);
}

void sqlite_connection::execute(std::string_view sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw sqlite_error("sql: " + text, rc & 0xff);
    }
}

sqlite_transaction::sqlite_transaction(sqlite_connection& db) : db_(db) {
    db_.execute("BEGIN IMMEDIATE");
}

sqlite_transaction::~sqlite_transaction() {
    if (!done_) {
        try {
            db_.execute("ROLLBACK");
        } catch (...) {  // nothing more can be done in a destructor; SQLite rolls back itself
        }
    }
}

void sqlite_transaction::commit() {
    db_.execute("COMMIT");
    done_ = true;
}

}  // namespace ncpeh::gateway::storage
