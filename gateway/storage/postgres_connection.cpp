#include "gateway/storage/postgres_connection.hpp"

#include <poll.h>

#include <algorithm>
#include <charconv>

namespace ncpeh::gateway::storage {

namespace {

// libpq's messages end with a newline; ours do not.
std::string trimmed(const char* message) {
    std::string text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text.empty() ? "unknown PostgreSQL error" : text;
}

// SQLSTATEs after which the connection is gone: class 08 (connection exception) and the
// server shutting down or starting up (57P01 admin_shutdown, 57P02 crash_shutdown,
// 57P03 cannot_connect_now).
bool ends_connection(std::string_view sqlstate) {
    return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
           sqlstate == "57P03";
}

// The first line of a statement, for messages (the SQL text is ours, never data).
std::string statement_name(std::string_view sql) {
    const auto start = sql.find_first_not_of(" \n\t");
    if (start == std::string_view::npos) {
        return {};
    }
    sql.remove_prefix(start);
    return std::string(sql.substr(0, std::min(sql.find('\n'), std::size_t{60})));
}

}  // namespace

std::int64_t postgres_result::affected_rows() const {
    const char* text = PQcmdTuples(result_.get());
    std::int64_t n = 0;
    if (text == nullptr || *text == '\0') {
        return 0;
    }
    std::from_chars(text, text + std::char_traits<char>::length(text), n);
    return n;
}

void postgres_result::check_cell(int row, int column) const {
    if (row < 0 || row >= rows() || column < 0 || column >= columns()) {
        throw postgres_error(
            "no cell at row " + std::to_string(row) + ", column " + std::to_string(column), {},
            false);
    }
}

std::string postgres_result::text(int row, int column) const {
    check_cell(row, column);
    return std::string(PQgetvalue(result_.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t postgres_result::integer(int row, int column) const {
    check_cell(row, column);
    const char* text = PQgetvalue(result_.get(), row, column);
    const char* end = text + PQgetlength(result_.get(), row, column);
    std::int64_t n = 0;
    const auto [stop, ec] = std::from_chars(text, end, n);
    if (ec != std::errc() || stop != end || text == end) {
        throw postgres_error(
            "not an integer at row " + std::to_string(row) + ", column " + std::to_string(column),
            {}, false);
    }
    return n;
}

bool postgres_result::is_null(int row, int column) const {
    check_cell(row, column);
    return PQgetisnull(result_.get(), row, column) == 1;
}

postgres_connection::postgres_connection(const postgres_settings& settings) {
    const std::string connect_timeout =
        std::to_string(std::max<std::int64_t>(2, settings.connect_timeout.count()));
    const std::string user_timeout = std::to_string(settings.statement_timeout.count());
    const std::string options = "-c statement_timeout=" + user_timeout;
    // `dbname` first with expand_dbname: the URL gives host, port, user and database; the
    // keywords after it add what the URL must not carry.
    std::vector<const char*> keys{"dbname",         "connect_timeout",  "application_name",
                                  "options",        "tcp_user_timeout", "keepalives",
                                  "keepalives_idle"};
    std::vector<const char*> values{settings.url.c_str(),
                                    connect_timeout.c_str(),
                                    settings.application_name.c_str(),
                                    options.c_str(),
                                    user_timeout.c_str(),
                                    "1",
                                    "30"};
    if (!settings.password.empty()) {
        keys.push_back("password");
        values.push_back(settings.password.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    connection_.reset(PQconnectdbParams(keys.data(), values.data(), 1));
    if (!connection_) {
        throw postgres_error("cannot connect to PostgreSQL: out of memory", {}, true);
    }
    if (PQstatus(connection_.get()) != CONNECTION_OK) {
        throw postgres_error(
            "cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(connection_.get())), {},
            true);
    }
    // Notices ("relation … already exists, skipping", the server's goodbye) would go to
    // standard error; what matters arrives as errors of the statements.
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
}

postgres_result postgres_connection::check(PGresult* raw, std::string_view sql) {
    postgres_result out(raw);
    const ExecStatusType status = raw != nullptr ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        return out;
    }
    const char* state = raw != nullptr ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state != nullptr ? state : "";
    const bool lost = PQstatus(connection_.get()) == CONNECTION_BAD || ends_connection(sqlstate);
    const char* message =
        raw != nullptr ? PQresultErrorMessage(raw) : PQerrorMessage(connection_.get());
    if (message == nullptr || *message == '\0') {
        message = PQerrorMessage(connection_.get());
    }
    throw postgres_error(trimmed(message) + " (in: " + statement_name(sql) + ")",
                         std::move(sqlstate), lost);
}

postgres_result postgres_connection::execute(std::string_view sql,
                                             std::initializer_list<postgres_param> params) {
    return execute(sql, std::vector<postgres_param>(params));
}

postgres_result postgres_connection::execute(std::string_view sql,
                                             const std::vector<postgres_param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const postgres_param& p : params) {
        values.push_back(p.c_str());
    }
    const std::string text(sql);
    return check(PQexecParams(connection_.get(), text.c_str(), static_cast<int>(values.size()),
                              nullptr, values.data(), nullptr, nullptr, 0),
                 sql);
}

void postgres_connection::execute_script(std::string_view sql) {
    const std::string text(sql);
    check(PQexec(connection_.get(), text.c_str()), sql);
}

bool postgres_connection::is_usable() {
    PGconn* c = connection_.get();
    if (PQstatus(c) != CONNECTION_OK) {
        return false;
    }
    pollfd fd{PQsocket(c), POLLIN, 0};
    if (fd.fd < 0) {
        return false;
    }
    // Something arrived while idle: a parameter change, or the server's goodbye (a FATAL
    // message) followed by the end of the stream, which the next read finds. Reading until
    // nothing is left updates the status; parsing (PQisBusy) keeps a stale message from being
    // taken for the answer to the next statement.
    for (int reads = 0; reads < 8 && ::poll(&fd, 1, 0) > 0; ++reads) {
        if (PQconsumeInput(c) == 0) {
            return false;
        }
        PQisBusy(c);
        while (PGnotify* n = PQnotifies(c)) {
            PQfreemem(n);
        }
        if (PQstatus(c) != CONNECTION_OK) {
            return false;
        }
    }
    return PQstatus(c) == CONNECTION_OK;
}

bool postgres_connection::in_transaction() const noexcept {
    const PGTransactionStatusType status = PQtransactionStatus(connection_.get());
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

std::string postgres_connection::describe() const {
    const PGconn* c = connection_.get();
    const char* host = PQhost(c);
    const char* port = PQport(c);
    const char* db = PQdb(c);
    const char* user = PQuser(c);
    return std::string(host ? host : "?") + ":" + (port ? port : "?") + "/" + (db ? db : "?") +
           " as " + (user ? user : "?");
}

postgres_transaction::postgres_transaction(postgres_connection& db) : db_(db) {
    db_.execute("BEGIN");
}

postgres_transaction::~postgres_transaction() {
    if (!done_) {
        try {
            db_.execute("ROLLBACK");
        } catch (...) {  // a lost connection: the server rolled back already
        }
    }
}

void postgres_transaction::commit() {
    db_.execute("COMMIT");
    done_ = true;
}

}  // namespace ncpeh::gateway::storage
