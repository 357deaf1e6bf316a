#include "gateway/ncp_b/sqlite_dispensation_outbox.hpp"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <initializer_list>
#include <string_view>
#include <system_error>
#include <utility>

#include "gateway/audit/open_audit_trail.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

namespace net = boost::asio;

// Version 1. Times are milliseconds since the Unix epoch (UTC). `next_attempt_at_ms` is the due
// time of a queued record and the end of the lease of a delivering one, so one index serves
// `claim_due` for both. The CDA is stored as TEXT: it is UTF-8 XML, kept byte for byte.
constexpr std::string_view schema = R"sql(
CREATE TABLE IF NOT EXISTS dispensation_outbox_schema (
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dispensation_outbox (
  id                          TEXT PRIMARY KEY,
  kind                        TEXT NOT NULL CHECK (kind IN ('dispensation', 'discard')),
  discards_id                 TEXT REFERENCES dispensation_outbox (id),
  pharmacy_gln                TEXT NOT NULL,
  dispatch_id                 TEXT NOT NULL,
  pharmacist_legitimationskod TEXT NOT NULL,
  pharmacist_name             TEXT NOT NULL,
  pharmacist_profession_code  TEXT NOT NULL,
  country                     TEXT NOT NULL,
  patient_id                  TEXT NOT NULL,
  prescription_document_id    TEXT NOT NULL,
  prescription_id             TEXT NOT NULL,
  ed_document_id              TEXT NOT NULL,
  created_at_ms               INTEGER NOT NULL,
  status                      TEXT NOT NULL
                              CHECK (status IN ('queued', 'delivering', 'delivered', 'failed')),
  attempts                    INTEGER NOT NULL DEFAULT 0,
  last_attempt_at_ms          INTEGER,
  next_attempt_at_ms          INTEGER NOT NULL,
  last_error_code             TEXT,
  last_error_message          TEXT,
  delivered_at_ms             INTEGER,
  UNIQUE (pharmacy_gln, dispatch_id, kind)
);
CREATE TABLE IF NOT EXISTS dispensation_outbox_document (
  id     TEXT PRIMARY KEY REFERENCES dispensation_outbox (id),
  ed_cda TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dispensation_outbox_due
  ON dispensation_outbox (next_attempt_at_ms) WHERE status IN ('queued', 'delivering');
CREATE INDEX IF NOT EXISTS dispensation_outbox_status
  ON dispensation_outbox (status, created_at_ms);
)sql";

// Every column of a record, in the order `read_record` expects.
constexpr std::string_view record_columns =
    "id, kind, discards_id, pharmacy_gln, dispatch_id, pharmacist_legitimationskod, "
    "pharmacist_name, pharmacist_profession_code, country, patient_id, "
    "prescription_document_id, prescription_id, ed_document_id, "
    "(SELECT ed_cda FROM dispensation_outbox_document d WHERE d.id = dispensation_outbox.id), "
    "created_at_ms, status, "
    "attempts, last_attempt_at_ms, next_attempt_at_ms, last_error_code, last_error_message, "
    "delivered_at_ms";

const std::string& select_record() {
    static const std::string sql =
        "SELECT " + std::string(record_columns) + " FROM dispensation_outbox ";
    return sql;
}

// Claims in one statement: the update and the rows it changed (RETURNING, SQLite >= 3.35).
// ?1 now, ?2 lease end, ?3 limit, ?4 the one id or NULL for any.
const std::string& claim_sql() {
    static const std::string sql =
        "UPDATE dispensation_outbox SET status = 'delivering', attempts = attempts + 1, "
        "last_attempt_at_ms = ?1, next_attempt_at_ms = ?2 "
        "WHERE id IN (SELECT o.id FROM dispensation_outbox o "
        "  WHERE o.status IN ('queued', 'delivering') AND o.next_attempt_at_ms <= ?1 "
        "  AND (?4 IS NULL OR o.id = ?4) "
        "  AND instr(?5, ',' || o.country || ',') = 0 "
        "  AND (o.kind = 'dispensation' OR EXISTS (SELECT 1 FROM dispensation_outbox d "
        "       WHERE d.id = o.discards_id AND d.status = 'delivered')) "
        "  ORDER BY o.next_attempt_at_ms, o.created_at_ms LIMIT ?3) "
        "RETURNING " +
        std::string(record_columns);
    return sql;
}

std::int64_t ms_of(outbox_time t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

outbox_time time_of(std::int64_t ms) {
    return outbox_time(std::chrono::milliseconds(ms));
}

std::optional<outbox_time> optional_time(const storage::sqlite_statement& row, int column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return time_of(row.integer(column));
}

outbox_record read_record(const storage::sqlite_statement& row) {
    outbox_record r;
    r.id = row.text(0);
    r.entry.kind = outbox_kind_from_name(row.text(1)).value_or(outbox_kind::dispensation);
    r.entry.discards_id = row.text(2);
    r.entry.pharmacy_gln = row.text(3);
    r.entry.dispatch_id = row.text(4);
    r.entry.pharmacist = {row.text(5), row.text(6), row.text(7)};
    r.entry.country = row.text(8);
    r.entry.patient_id = row.text(9);
    r.entry.prescription_document_id = row.text(10);
    r.entry.prescription_id = row.text(11);
    r.entry.ed_document_id = row.text(12);
    r.entry.ed_cda = row.text(13);
    r.created_at = time_of(row.integer(14));
    r.status = outbox_status_from_name(row.text(15)).value_or(outbox_status::queued);
    r.attempts = static_cast<int>(row.integer(16));
    r.last_attempt_at = optional_time(row, 17);
    r.next_attempt_at = time_of(row.integer(18));
    if (!row.is_null(19)) {
        r.last_error = outbox_error{row.text(19), row.text(20)};
    }
    r.delivered_at = optional_time(row, 21);
    return r;
}

std::optional<outbox_record> find_one(storage::sqlite_connection& db, std::string_view where,
                                      std::initializer_list<std::string_view> values) {
    auto query = db.prepare(select_record() + std::string(where));
    int index = 1;
    for (const std::string_view value : values) {
        query.bind(index++, value);
    }
    if (!query.step()) {
        return std::nullopt;
    }
    return read_record(query);
}

// `held_countries` as the claim's SQL looks them up: ",FI,AT," (country codes have no comma).
std::string held_list(const std::vector<std::string>& held_countries) {
    std::string list = ",";
    for (const std::string& country : held_countries) {
        list += country + ",";
    }
    return list;
}

std::vector<outbox_record> run_claim(storage::sqlite_connection& db, outbox_time now,
                                     std::size_t limit, std::chrono::milliseconds lease,
                                     const std::string* id,
                                     const std::vector<std::string>& held_countries) {
    auto update = db.prepare(claim_sql());
    update.bind(1, ms_of(now))
        .bind(2, ms_of(now + lease))
        .bind(3, static_cast<std::int64_t>(limit));
    if (id != nullptr) {
        update.bind(4, *id);
    } else {
        update.bind_null(4);
    }
    update.bind(5, held_list(held_countries));
    std::vector<outbox_record> claimed;
    while (update.step()) {
        claimed.push_back(read_record(update));
    }
    std::sort(claimed.begin(), claimed.end(), [](const outbox_record& a, const outbox_record& b) {
        return a.created_at < b.created_at;
    });
    return claimed;
}

result<enqueued> enqueue_in(storage::sqlite_connection& db, const outbox_entry& e,
                            outbox_time now) {
    if (auto ok = check_outbox_entry(e); !ok) {
        return ok.error();
    }
    const std::string_view kind = name_of(e.kind);
    if (auto earlier = find_one(db, "WHERE pharmacy_gln = ? AND dispatch_id = ? AND kind = ?",
                                {e.pharmacy_gln, e.dispatch_id, kind})) {
        return enqueued{std::move(*earlier), true};
    }
    if (e.kind == outbox_kind::discard &&
        !find_one(db, "WHERE id = ? AND pharmacy_gln = ? AND kind = 'dispensation'",
                  {e.discards_id, e.pharmacy_gln})) {
        return make_error(errc::dispensation_not_found,
                          "the discard names no dispensation of this pharmacy")
            .with("dispensation", e.discards_id);
    }
    auto id = make_dispensation_id();
    if (!id) {
        return id.error();
    }
    const std::int64_t at = ms_of(now);
    auto insert = db.prepare(
        "INSERT INTO dispensation_outbox (id, kind, discards_id, pharmacy_gln, dispatch_id, "
        "pharmacist_legitimationskod, pharmacist_name, pharmacist_profession_code, country, "
        "patient_id, prescription_document_id, prescription_id, ed_document_id, "
        "created_at_ms, status, attempts, next_attempt_at_ms) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'queued',0,?)");
    insert.bind(1, *id).bind(2, kind);
    if (e.discards_id.empty()) {
        insert.bind_null(3);
    } else {
        insert.bind(3, e.discards_id);
    }
    insert.bind(4, e.pharmacy_gln)
        .bind(5, e.dispatch_id)
        .bind(6, e.pharmacist.legitimationskod)
        .bind(7, e.pharmacist.name)
        .bind(8, e.pharmacist.profession_code)
        .bind(9, e.country)
        .bind(10, e.patient_id)
        .bind(11, e.prescription_document_id)
        .bind(12, e.prescription_id)
        .bind(13, e.ed_document_id)
        .bind(14, at)
        .bind(15, at)
        .run();
    db.prepare("INSERT INTO dispensation_outbox_document (id, ed_cda) VALUES (?, ?)")
        .bind(1, *id)
        .bind(2, e.ed_cda)
        .run();
    auto stored = find_one(db, "WHERE id = ?", {*id});
    if (!stored) {
        return make_error(errc::internal, "a queued dispensation cannot be read back");
    }
    return enqueued{std::move(*stored), false};
}

outbox_counts count_in(storage::sqlite_connection& db, outbox_time now) {
    outbox_counts out;
    auto by_status = db.prepare("SELECT status, COUNT(*) FROM dispensation_outbox GROUP BY status");
    while (by_status.step()) {
        const auto n = static_cast<std::uint64_t>(by_status.integer(1));
        switch (outbox_status_from_name(by_status.text(0)).value_or(outbox_status::queued)) {
            case outbox_status::queued:
                out.queued = n;
                break;
            case outbox_status::delivering:
                out.delivering = n;
                break;
            case outbox_status::delivered:
                out.delivered = n;
                break;
            case outbox_status::failed:
                out.failed = n;
                break;
        }
    }
    auto oldest = db.prepare(
        "SELECT MIN(created_at_ms) FROM dispensation_outbox "
        "WHERE status IN ('queued', 'delivering')");
    if (oldest.step() && !oldest.is_null(0)) {
        const auto age = std::chrono::milliseconds(ms_of(now) - oldest.integer(0));
        out.oldest_pending_age = std::max(age, std::chrono::milliseconds(0));
    }
    return out;
}

error unavailable(const std::exception& e, const std::filesystem::path& file) {
    const auto* sql = dynamic_cast<const storage::sqlite_error*>(&e);
    std::string why = sql != nullptr && sql->locked()
                          ? "the database is locked by another connection beyond the busy "
                            "timeout (" +
                                std::string(e.what()) + ")"
                          : std::string(e.what());
    return make_error(errc::storage_unavailable, "the dispensation outbox cannot be used: " + why)
        .with("file", file.string());
}

}  // namespace

/// One operation waiting for the outbox's thread.
class sqlite_dispensation_outbox::job {
  public:
    explicit job(access needs) : needs_(needs) {}
    virtual ~job() = default;
    job(const job&) = delete;
    job& operator=(const job&) = delete;

    bool writes() const noexcept { return needs_ != access::read; }
    bool durable() const noexcept { return needs_ == access::durable_write; }
    /// Computes the outcome inside the batch's transaction. Returns false when the operation
    /// failed and whatever it wrote must be rolled back. SQLite's exceptions propagate.
    virtual bool run(storage::sqlite_connection& db) = 0;
    /// Completes the caller on its own executor: with the outcome, or with `failure` when the
    /// batch's transaction did not commit.
    virtual void complete(const std::optional<error>& failure) = 0;
    /// The operation failed on its own (its savepoint is rolled back; the batch goes on).
    virtual void fail(error e) = 0;

  private:
    access needs_;
};

namespace {

template <class T>
class typed_job final : public sqlite_dispensation_outbox::job {
  public:
    using work_type = std::function<result<T>(storage::sqlite_connection&)>;
    using handler_type = net::any_completion_handler<void(result<T>)>;

    typed_job(sqlite_dispensation_outbox::access needs, work_type work, handler_type handler,
              net::any_io_executor executor)
        : job(needs),
          work_(std::move(work)),
          handler_(std::move(handler)),
          executor_(std::move(executor)) {}

    bool run(storage::sqlite_connection& db) override {
        outcome_.emplace(work_(db));
        return outcome_->has_value();
    }

    void fail(error e) override { outcome_.emplace(std::move(e)); }

    void complete(const std::optional<error>& failure) override {
        result<T> outcome = failure    ? result<T>(*failure)
                            : outcome_ ? std::move(*outcome_)
                                       : result<T>(make_error(errc::internal, "not run"));
        net::post(executor_,
                  [handler = std::move(handler_), outcome = std::move(outcome)]() mutable {
                      std::move(handler)(std::move(outcome));
                  });
    }

  private:
    work_type work_;
    handler_type handler_;
    // Counts as outstanding work, so the awaiting io_context does not run out meanwhile.
    net::any_io_executor executor_;
    std::optional<result<T>> outcome_;
};

}  // namespace

sqlite_dispensation_outbox::sqlite_dispensation_outbox(storage::sqlite_connection db,
                                                       storage::database_files files)
    : db_(std::move(db)), files_(std::move(files)), worker_([this] { work_until_closed(); }) {}

sqlite_dispensation_outbox::~sqlite_dispensation_outbox() {
    {
        const std::lock_guard lock(queue_mutex_);
        closing_ = true;
    }
    queue_changed_.notify_one();
    worker_.join();
}

result<std::unique_ptr<sqlite_dispensation_outbox>> sqlite_dispensation_outbox::open(
    const std::filesystem::path& file, options settings) {
    const auto refuse = [&file](const std::string& why) {
        return make_error(errc::config_invalid, "cannot open the dispensation outbox: " + why)
            .with("file", file.string());
    };
    try {
        storage::sqlite_connection db(file, storage::sqlite_locking::shared);
        db.execute("PRAGMA synchronous=FULL");
        db.execute("PRAGMA busy_timeout=" + std::to_string(settings.busy_timeout.count()));
        auto files = storage::database_files::remember(file);
        if (!files) {
            return refuse(files.error().message);
        }
        if (auto writable = files->check_writable(); !writable) {
            return refuse(writable.error().message + " (" +
                          std::string(writable.error().context_value("file")) + ")");
        }
        {
            storage::sqlite_transaction transaction(db);
            db.execute(schema);
            auto version = db.prepare("SELECT MAX(version) FROM dispensation_outbox_schema");
            const bool found = version.step() && !version.is_null(0);
            const std::int64_t stored = found ? version.integer(0) : 0;
            if (!found) {
                db.prepare("INSERT INTO dispensation_outbox_schema (version) VALUES (?)")
                    .bind(1, schema_version)
                    .run();
            } else if (stored == 1) {
                // Version 1 kept the CDA in the record's row: move it to its own table.
                db.execute(
                    "INSERT INTO dispensation_outbox_document (id, ed_cda) "
                    "SELECT id, ed_cda FROM dispensation_outbox; "
                    "ALTER TABLE dispensation_outbox DROP COLUMN ed_cda; "
                    "UPDATE dispensation_outbox_schema SET version = 2;");
            } else if (stored != schema_version) {
                return refuse("its schema version is " + std::to_string(stored) +
                              ", this build knows version " + std::to_string(schema_version));
            }
            transaction.commit();
        }
        return std::unique_ptr<sqlite_dispensation_outbox>(
            new sqlite_dispensation_outbox(std::move(db), std::move(*files)));
    } catch (const storage::sqlite_error& e) {
        if (e.locked()) {
            return refuse("the database is locked by another connection: " + std::string(e.what()));
        }
        return refuse(e.what());
    } catch (const std::exception& e) {
        return refuse(e.what());
    }
}

template <class T>
net::awaitable<result<T>> sqlite_dispensation_outbox::submit(
    access needs, std::function<result<T>(storage::sqlite_connection&)> work) {
    return net::async_initiate<const net::use_awaitable_t<>&, void(result<T>)>(
        [this, needs](auto handler, std::function<result<T>(storage::sqlite_connection&)> queued) {
            net::any_io_executor executor = net::prefer(net::get_associated_executor(handler),
                                                        net::execution::outstanding_work.tracked);
            add(std::make_unique<typed_job<T>>(
                needs, std::move(queued), typename typed_job<T>::handler_type(std::move(handler)),
                std::move(executor)));
        },
        net::use_awaitable, std::move(work));
}

void sqlite_dispensation_outbox::add(std::unique_ptr<job> j) {
    std::unique_lock lock(queue_mutex_);
    if (closing_) {
        lock.unlock();
        j->complete(make_error(errc::storage_unavailable, "the dispensation outbox is closing"));
        return;
    }
    queue_.push_back(std::move(j));
    lock.unlock();
    queue_changed_.notify_one();
}

void sqlite_dispensation_outbox::work_until_closed() {
    std::vector<std::unique_ptr<job>> batch;
    batch.reserve(max_batch);
    for (;;) {
        {
            std::unique_lock lock(queue_mutex_);
            queue_changed_.wait(lock, [this] { return !queue_.empty() || closing_; });
            if (queue_.empty()) {
                return;  // closing, and everything is done
            }
            while (!queue_.empty() && batch.size() < max_batch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        run_batch(batch);
        batch.clear();
    }
}

void sqlite_dispensation_outbox::run_batch(std::vector<std::unique_ptr<job>>& batch) {
    const bool writes =
        std::any_of(batch.begin(), batch.end(), [](const auto& j) { return j->writes(); });
    std::optional<error> failure;
    if (writes) {
        if (auto writable = files_.check_writable(); !writable) {
            failure =
                make_error(errc::storage_unavailable,
                           "the dispensation outbox cannot be used: " + writable.error().message)
                    .with("file", files_.file().string());
        }
    }
    if (!failure) {
        bool begun = false;
        try {
            const bool durable =
                std::any_of(batch.begin(), batch.end(), [](const auto& j) { return j->durable(); });
            if (durable != synchronous_full_) {  // not changeable inside a transaction
                db_.execute(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
                synchronous_full_ = durable;
            }
            db_.execute(writes ? "BEGIN IMMEDIATE" : "BEGIN");
            begun = true;
            for (const auto& j : batch) {
                db_.execute("SAVEPOINT job");
                bool keep = false;
                try {
                    keep = j->run(db_);
                } catch (const std::exception& e) {
                    j->fail(unavailable(e, files_.file()));
                }
                if (!keep) {  // throws when SQLite ended the whole transaction: the batch fails
                    db_.execute("ROLLBACK TO job");
                }
                db_.execute("RELEASE job");
            }
            db_.execute("COMMIT");
            commits_.fetch_add(1, std::memory_order_relaxed);
        } catch (const std::exception& e) {
            failure = unavailable(e, files_.file());
            if (begun) {
                try {
                    db_.execute("ROLLBACK");
                } catch (const std::exception&) {  // SQLite rolled back already
                }
            }
        }
    }
    for (const auto& j : batch) {
        j->complete(failure);
    }
}

net::awaitable<result<enqueued>> sqlite_dispensation_outbox::enqueue(outbox_entry entry,
                                                                     outbox_time now) {
    return submit<enqueued>(access::durable_write,
                            [entry = std::move(entry), now](storage::sqlite_connection& db) {
                                return enqueue_in(db, entry, now);
                            });
}

net::awaitable<result<std::vector<outbox_record>>> sqlite_dispensation_outbox::claim_due(
    outbox_time now, std::size_t limit, std::chrono::milliseconds lease,
    std::vector<std::string> held_countries) {
    return submit<std::vector<outbox_record>>(
        access::write,
        [now, limit, lease, held = std::move(held_countries)](
            storage::sqlite_connection& db) -> result<std::vector<outbox_record>> {
            return run_claim(db, now, limit, lease, nullptr, held);
        });
}

net::awaitable<result<std::optional<outbox_record>>> sqlite_dispensation_outbox::claim(
    std::string id, outbox_time now, std::chrono::milliseconds lease) {
    return submit<std::optional<outbox_record>>(
        access::write,
        [id = std::move(id), now,
         lease](storage::sqlite_connection& db) -> result<std::optional<outbox_record>> {
            auto claimed = run_claim(db, now, 1, lease, &id, {});
            if (claimed.empty()) {
                return std::optional<outbox_record>();
            }
            return std::optional<outbox_record>(std::move(claimed.front()));
        });
}

net::awaitable<result<bool>> sqlite_dispensation_outbox::mark_delivered(std::string id,
                                                                        outbox_time at) {
    return submit<bool>(
        access::write, [id = std::move(id), at](storage::sqlite_connection& db) -> result<bool> {
            db.prepare(
                  "UPDATE dispensation_outbox SET status = 'delivered', delivered_at_ms = ? "
                  "WHERE id = ? AND status != 'delivered'")
                .bind(1, ms_of(at))
                .bind(2, id)
                .run();
            return db.changes() == 1;
        });
}

net::awaitable<result<bool>> sqlite_dispensation_outbox::mark_retry(std::string id, int attempt,
                                                                    outbox_error error,
                                                                    outbox_time next_attempt_at) {
    return submit<bool>(
        access::write,
        [id = std::move(id), attempt, error = std::move(error),
         next_attempt_at](storage::sqlite_connection& db) -> result<bool> {
            db.prepare(
                  "UPDATE dispensation_outbox SET status = 'queued', next_attempt_at_ms = ?, "
                  "last_error_code = ?, last_error_message = ? "
                  "WHERE id = ? AND status = 'delivering' AND attempts = ?")
                .bind(1, ms_of(next_attempt_at))
                .bind(2, error.code)
                .bind(3, error.message)
                .bind(4, id)
                .bind(5, static_cast<std::int64_t>(attempt))
                .run();
            return db.changes() == 1;
        });
}

net::awaitable<result<bool>> sqlite_dispensation_outbox::mark_failed(std::string id, int attempt,
                                                                     outbox_error error) {
    return submit<bool>(
        access::write,
        [id = std::move(id), attempt,
         error = std::move(error)](storage::sqlite_connection& db) -> result<bool> {
            db.prepare(
                  "UPDATE dispensation_outbox SET status = 'failed', last_error_code = ?, "
                  "last_error_message = ? WHERE id = ? AND status = 'delivering' AND attempts = ?")
                .bind(1, error.code)
                .bind(2, error.message)
                .bind(3, id)
                .bind(4, static_cast<std::int64_t>(attempt))
                .run();
            return db.changes() == 1;
        });
}

net::awaitable<result<outbox_record>> sqlite_dispensation_outbox::find(std::string id,
                                                                       std::string pharmacy_gln) {
    return submit<outbox_record>(
        access::read,
        [id = std::move(id),
         gln = std::move(pharmacy_gln)](storage::sqlite_connection& db) -> result<outbox_record> {
            if (auto found = find_one(db, "WHERE id = ? AND pharmacy_gln = ?", {id, gln})) {
                return std::move(*found);
            }
            return make_error(errc::dispensation_not_found,
                              "no foreign dispensation with this id was accepted for this "
                              "pharmacy")
                .with("dispensation", id);
        });
}

net::awaitable<result<outbox_counts>> sqlite_dispensation_outbox::counts(outbox_time now) {
    return submit<outbox_counts>(access::read,
                                 [now](storage::sqlite_connection& db) -> result<outbox_counts> {
                                     return count_in(db, now);
                                 });
}

std::optional<std::filesystem::path> outbox_file_of(const std::string& database_url) {
    const auto file = audit::sqlite_file_of(database_url);
    if (!file) {
        return std::nullopt;
    }
    std::filesystem::path outbox = *file;
    outbox.replace_filename(file->stem().string() + ".outbox" + file->extension().string());
    return outbox;
}

}  // namespace ncpeh::gateway::ncp_b
