#include "gateway/audit/sqlite_audit_trail.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <optional>
#include <set>
#include <stop_token>

#include "gateway/log/json_log.hpp"

namespace ncpeh::gateway::audit {

namespace {

constexpr std::string_view schema = R"sql(
CREATE TABLE IF NOT EXISTS audit_event (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms            INTEGER NOT NULL,
  transaction_name TEXT NOT NULL,
  partner_country  TEXT NOT NULL,
  message_id       TEXT NOT NULL,
  hcp_assertion_id TEXT NOT NULL,
  trc_assertion_id TEXT NOT NULL,
  requester        TEXT NOT NULL,
  requester_role   TEXT NOT NULL,
  patient_id       TEXT NOT NULL,
  document_ids     TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  error_code       TEXT NOT NULL,
  error_name       TEXT NOT NULL,
  requester_organisation TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS atna_spool (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms   INTEGER NOT NULL,
  message TEXT NOT NULL
);
)sql";

// A patient's access log (`patient_access`) reads through it, newest first.
constexpr std::string_view patient_index =
    "CREATE INDEX IF NOT EXISTS audit_event_by_patient "
    "ON audit_event (patient_id, at_ms, seq)";

// The columns added since the table was first written, with the definition that adds them to a
// file of an older build (its rows get the default).
constexpr std::pair<std::string_view, std::string_view> added_columns[] = {
    {"requester_organisation", "requester_organisation TEXT NOT NULL DEFAULT ''"},
};

// Brings a table written by an older build up to `schema`, in one transaction.
void add_missing_columns(storage::sqlite_connection& db) {
    std::set<std::string> present;
    {
        auto columns = db.prepare("SELECT name FROM pragma_table_info('audit_event')");
        while (columns.step()) {
            present.insert(columns.text(0));
        }
    }
    storage::sqlite_transaction transaction(db);
    for (const auto& [name, definition] : added_columns) {
        if (!present.contains(std::string(name))) {
            db.execute("ALTER TABLE audit_event ADD COLUMN " + std::string(definition));
        }
    }
    transaction.commit();
}

// The columns `event_of` reads, in its order.
constexpr std::string_view event_columns =
    "at_ms, transaction_name, partner_country, message_id, hcp_assertion_id, trc_assertion_id, "
    "requester, requester_role, patient_id, document_ids, outcome, error_code, error_name, "
    "requester_organisation";

// Prepared once: the connection keeps the statement between events.
void insert(storage::sqlite_connection& db, const audit_event& event) {
    const auto at_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(event.at.time_since_epoch()).count();
    db.prepare(
          "INSERT INTO audit_event (at_ms, transaction_name, partner_country, message_id, "
          "hcp_assertion_id, trc_assertion_id, requester, requester_role, patient_id, "
          "document_ids, outcome, error_code, error_name, requester_organisation) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, static_cast<std::int64_t>(at_ms))
        .bind(2, event.transaction)
        .bind(3, event.partner_country)
        .bind(4, event.message_id)
        .bind(5, event.hcp_assertion_id)
        .bind(6, event.trc_assertion_id)
        .bind(7, event.requester)
        .bind(8, event.requester_role)
        .bind(9, event.patient_id)
        .bind(10, join_document_ids(event.document_ids))
        .bind(11, name_of(event.outcome))
        .bind(12, event.error_code)
        .bind(13, event.error_name)
        .bind(14, event.requester_organisation)
        .run();
}

std::int64_t milliseconds_of(std::chrono::system_clock::time_point at) {
    return static_cast<std::int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
}

std::chrono::system_clock::time_point time_of(std::int64_t ms) {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

// The event of a row whose first columns are `event_columns`.
audit_event event_of(const storage::sqlite_statement& row) {
    audit_event e;
    e.at = time_of(row.integer(0));
    e.transaction = row.text(1);
    e.partner_country = row.text(2);
    e.message_id = row.text(3);
    e.hcp_assertion_id = row.text(4);
    e.trc_assertion_id = row.text(5);
    e.requester = row.text(6);
    e.requester_role = row.text(7);
    e.patient_id = row.text(8);
    e.document_ids = split_document_ids(row.text(9));
    e.outcome = outcome_from_name(row.text(10));
    e.error_code = row.text(11);
    e.error_name = row.text(12);
    e.requester_organisation = row.text(13);
    return e;
}

// Runs the handler on its own executor, never on the writer thread.
void complete(boost::asio::any_completion_handler<void(result<void>)> handler,
              const boost::asio::any_io_executor& executor, result<void> outcome) {
    boost::asio::post(executor,
                      [handler = std::move(handler), outcome = std::move(outcome)]() mutable {
                          std::move(handler)(std::move(outcome));
                      });
}

}  // namespace

sqlite_audit_trail::sqlite_audit_trail(storage::sqlite_connection db, storage::database_files files)
    : db_(std::move(db)),
      files_(std::move(files)),
      writer_([this] { write_until_closed(); }),
      checkpointer_([this](std::stop_token stop) { checkpoint_every_second(std::move(stop)); }) {}

sqlite_audit_trail::~sqlite_audit_trail() {
    {
        const std::lock_guard lock(queue_mutex_);
        closing_ = true;
    }
    queue_changed_.notify_one();
    writer_.join();
}

result<std::unique_ptr<sqlite_audit_trail>> sqlite_audit_trail::open(
    const std::filesystem::path& file) {
    const auto refuse = [&file](const std::string& why) {
        return make_error(errc::config_invalid, "cannot open the audit database: " + why)
            .with("file", file.string());
    };
    try {
        storage::sqlite_connection db(file, storage::sqlite_locking::exclusive);
        auto files = storage::database_files::remember(file);
        if (!files) {
            return refuse(files.error().message);
        }
        if (auto writable = files->check_writable(); !writable) {
            return refuse(writable.error().message + " (" +
                          std::string(writable.error().context_value("file")) + ")");
        }
        db.execute(schema);
        add_missing_columns(db);
        db.execute(patient_index);
        db.execute("PRAGMA wal_autocheckpoint=0");  // see checkpoint_every_second
        return std::unique_ptr<sqlite_audit_trail>(
            new sqlite_audit_trail(std::move(db), std::move(*files)));
    } catch (const storage::sqlite_error& e) {
        if (e.locked()) {
            return refuse(
                "the database is locked: another process holds it (a running ncpeh "
                "keeps its audit database to itself)");
        }
        return refuse(e.what());
    } catch (const std::exception& e) {
        return refuse(e.what());
    }
}

void sqlite_audit_trail::checkpoint_every_second(std::stop_token stop) {
    std::mutex idle;
    std::condition_variable_any wake;
    std::unique_lock lock(idle);
    for (;;) {
        // Returns early only when the trail is being destroyed.
        wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
        if (stop.stop_requested()) {
            return;
        }
        try {
            const std::lock_guard db_lock(db_mutex_);
            if (check_files()) {
                // PASSIVE: copies what no reader still needs; the writer waits meanwhile.
                db_.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (const std::exception&) {
            // tried again in a second; the log only grows meanwhile
        }
    }
}

result<void> sqlite_audit_trail::check_files() {
    auto writable = files_.check_writable();
    if (!writable && !unavailable_) {
        log::logger().error("audit.unavailable",
                            {{"reason", writable.error().message},
                             {"file", std::string(writable.error().context_value("file"))}});
    } else if (writable && unavailable_) {
        log::logger().info("audit.available", {{"file", files_.file().string()}});
    }
    unavailable_ = !writable;
    return writable;
}

boost::asio::awaitable<result<void>> sqlite_audit_trail::record(audit_event event) {
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(result<void>)>(
        [this](auto handler, audit_event queued) {
            boost::asio::any_io_executor executor =
                boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                    boost::asio::execution::outstanding_work.tracked);
            enqueue(waiting(std::move(queued), std::move(handler), std::move(executor)));
        },
        boost::asio::use_awaitable, std::move(event));
}

void sqlite_audit_trail::enqueue(waiting w) {
    std::unique_lock lock(queue_mutex_);
    if (closing_) {
        lock.unlock();
        complete(std::move(w.handler), w.handler_executor,
                 make_error(errc::internal,
                            "the audit event could not be stored: the audit trail is closing"));
        return;
    }
    queue_.push_back(std::move(w));
    lock.unlock();
    // Costs no system call while the writer is busy: only a sleeping writer is woken.
    queue_changed_.notify_one();
}

void sqlite_audit_trail::write_until_closed() {
    std::vector<waiting> batch;
    batch.reserve(max_batch);
    for (;;) {
        {
            std::unique_lock lock(queue_mutex_);
            queue_changed_.wait(lock, [this] { return !queue_.empty() || closing_; });
            if (queue_.empty()) {
                return;  // closing, and everything is stored
            }
            while (!queue_.empty() && batch.size() < max_batch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        const result<void> stored = store(batch);
        for (waiting& w : batch) {
            complete(std::move(w.handler), w.handler_executor, stored);
        }
        batch.clear();
    }
}

result<void> sqlite_audit_trail::store(const std::vector<waiting>& batch) {
    try {
        const std::lock_guard lock(db_mutex_);
        bool spooled = false;
        if (auto writable = check_files(); !writable) {
            return make_error(errc::internal,
                              "the audit event could not be stored: " + writable.error().message);
        }
        storage::sqlite_transaction transaction(db_);  // rolled back unless committed
        for (const waiting& w : batch) {
            insert(db_, w.event);
            if (render_) {
                for (const std::string& message : render_(w.event)) {
                    db_.prepare("INSERT INTO atna_spool (at_ms, message) VALUES (?,?)")
                        .bind(1, milliseconds_of(w.event.at))
                        .bind(2, message)
                        .run();
                    spooled = true;
                }
            }
        }
        transaction.commit();
        if (spooled && on_spooled_) {
            on_spooled_();
        }
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the audit event could not be stored: " + std::string(e.what()));
    }
    commits_.fetch_add(1, std::memory_order_relaxed);
    return {};
}

result<std::vector<audit_event>> sqlite_audit_trail::newest(std::size_t limit) const {
    try {
        const std::lock_guard lock(db_mutex_);
        auto query = db_.prepare("SELECT " + std::string(event_columns) +
                                 " FROM audit_event ORDER BY seq DESC LIMIT ?");
        query.bind(1, static_cast<std::int64_t>(limit));
        std::vector<audit_event> out;
        while (query.step()) {
            out.push_back(event_of(query));
        }
        return out;
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the audit trail could not be read: " + std::string(e.what()));
    }
}

result<std::vector<transaction_count>> sqlite_audit_trail::count_transactions(
    std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) const {
    const auto ms = [](std::chrono::system_clock::time_point at) {
        return static_cast<std::int64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
    };
    try {
        const std::lock_guard lock(db_mutex_);
        auto query = db_.prepare(
            "SELECT strftime('%Y-%m', at_ms / 1000, 'unixepoch') AS month, partner_country, "
            "transaction_name, outcome, COUNT(*) FROM audit_event "
            "WHERE at_ms >= ?1 AND at_ms < ?2 AND outcome != 'started' "
            "GROUP BY month, partner_country, transaction_name, outcome "
            "ORDER BY month, partner_country, transaction_name, outcome");
        query.bind(1, ms(from)).bind(2, ms(to));
        std::vector<transaction_count> out;
        while (query.step()) {
            out.push_back({query.text(0), query.text(1), query.text(2),
                           outcome_from_name(query.text(3)),
                           static_cast<std::uint64_t>(query.integer(4))});
        }
        return out;
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the audit trail could not be read: " + std::string(e.what()));
    }
}

void sqlite_audit_trail::spool_for_atna(atna_renderer render, std::function<void()> on_spooled) {
    const std::lock_guard lock(db_mutex_);
    render_ = std::move(render);
    on_spooled_ = std::move(on_spooled);
}

result<std::vector<spooled_message>> sqlite_audit_trail::undelivered(std::size_t limit) const {
    try {
        const std::lock_guard lock(db_mutex_);
        auto query = db_.prepare("SELECT seq, at_ms, message FROM atna_spool ORDER BY seq LIMIT ?");
        query.bind(1, static_cast<std::int64_t>(limit));
        std::vector<spooled_message> out;
        while (query.step()) {
            out.push_back({query.integer(0), time_of(query.integer(1)), query.text(2)});
        }
        return out;
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the ATNA spool could not be read: " + std::string(e.what()));
    }
}

result<void> sqlite_audit_trail::mark_delivered(std::int64_t seq) {
    try {
        const std::lock_guard lock(db_mutex_);
        if (auto writable = check_files(); !writable) {
            return make_error(errc::internal,
                              "the ATNA spool could not be written: " + writable.error().message);
        }
        db_.prepare("DELETE FROM atna_spool WHERE seq <= ?").bind(1, seq).run();
        return {};
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the ATNA spool could not be written: " + std::string(e.what()));
    }
}

result<spool_backlog> sqlite_audit_trail::backlog() const {
    try {
        const std::lock_guard lock(db_mutex_);
        auto query = db_.prepare("SELECT COUNT(*), MIN(at_ms) FROM atna_spool");
        spool_backlog out;
        if (query.step()) {
            out.messages = static_cast<std::uint64_t>(query.integer(0));
            if (!query.is_null(1)) {
                out.oldest = time_of(query.integer(1));
            }
        }
        return out;
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the ATNA spool could not be read: " + std::string(e.what()));
    }
}

result<patient_access_page> sqlite_audit_trail::patient_access(
    const patient_access_query& query) const {
    patient_access_page page;
    if (query.transactions.empty() || query.limit == 0) {
        return page;
    }
    // ?1 patient, ?2 and ?3 the cursor (-1: none), ?4 the limit, ?5… the transactions.
    std::string placeholders;
    for (std::size_t i = 0; i < query.transactions.size(); ++i) {
        placeholders += (i == 0 ? "?" : ",?") + std::to_string(i + 5);
    }
    const std::string sql =
        "SELECT " + std::string(event_columns) +
        ", seq FROM audit_event AS e "
        "WHERE e.patient_id = ?1 AND e.transaction_name IN (" +
        placeholders +
        ") "
        "AND (?2 < 0 OR e.at_ms < ?2 OR (e.at_ms = ?2 AND e.seq < ?3)) "
        "AND NOT (e.outcome = 'started' AND EXISTS (SELECT 1 FROM audit_event AS f "
        "WHERE f.patient_id = e.patient_id AND f.message_id = e.message_id "
        "AND f.transaction_name = e.transaction_name AND f.outcome != 'started')) "
        "ORDER BY e.at_ms DESC, e.seq DESC LIMIT ?4";
    try {
        const std::lock_guard lock(db_mutex_);
        auto rows = db_.prepare(sql);
        rows.bind(1, query.patient_id)
            .bind(2, query.after ? query.after->at_ms : std::int64_t{-1})
            .bind(3, query.after ? query.after->seq : std::int64_t{-1})
            // One more than the page holds: whether a next page exists.
            .bind(4, static_cast<std::int64_t>(query.limit + 1));
        for (std::size_t i = 0; i < query.transactions.size(); ++i) {
            rows.bind(static_cast<int>(i + 5), query.transactions[i]);
        }
        access_cursor last;
        while (rows.step()) {
            if (page.events.size() == query.limit) {
                page.next = last;
                break;
            }
            page.events.push_back(event_of(rows));
            last = {rows.integer(0), rows.integer(14)};
        }
        return page;
    } catch (const std::exception& e) {
        return make_error(errc::internal,
                          "the audit trail could not be read: " + std::string(e.what()));
    }
}

}  // namespace ncpeh::gateway::audit
