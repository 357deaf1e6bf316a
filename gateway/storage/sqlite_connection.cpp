#include "gateway/storage/sqlite_connection.hpp"

#include <stdexcept>

namespace ncpeh::gateway::storage {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

sqlite_statement::sqlite_statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
        SQLITE_OK) {
        fail(db, "prepare");
    }
    statement_.reset(raw);
}

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

sqlite_statement& sqlite_statement::reset() noexcept {
    sqlite3_reset(statement_.get());
    sqlite3_clear_bindings(statement_.get());
    return *this;
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

sqlite_connection::sqlite_connection(const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot open database " + file.string() + ": " +
                                 (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(raw, 5000);
    execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

void sqlite_connection::execute(std::string_view sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message) !=
        SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw std::runtime_error("sql: " + text);
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
