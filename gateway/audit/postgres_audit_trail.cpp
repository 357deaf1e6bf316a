#include "gateway/audit/postgres_audit_trail.hpp"

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>

#include "gateway/log/json_log.hpp"

namespace ncpeh::gateway::audit {

namespace {

using storage::postgres_connection;
using storage::postgres_param;
using storage::postgres_result;

// The columns `event_of` reads, in its order.
constexpr std::string_view event_columns =
    "at_ms, transaction_name, partner_country, message_id, hcp_assertion_id, trc_assertion_id, "
    "requester, requester_role, patient_id, document_ids, outcome, error_code, error_name, "
    "requester_organisation";

std::int64_t milliseconds_of(std::chrono::system_clock::time_point at) {
    return static_cast<std::int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
}

std::chrono::system_clock::time_point time_of(std::int64_t ms) {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

// The event of row `row`, whose first columns are `event_columns`.
audit_event event_of(const postgres_result& rows, int row) {
    audit_event e;
    e.at = time_of(rows.integer(row, 0));
    e.transaction = rows.text(row, 1);
    e.partner_country = rows.text(row, 2);
    e.message_id = rows.text(row, 3);
    e.hcp_assertion_id = rows.text(row, 4);
    e.trc_assertion_id = rows.text(row, 5);
    e.requester = rows.text(row, 6);
    e.requester_role = rows.text(row, 7);
    e.patient_id = rows.text(row, 8);
    e.document_ids = split_document_ids(rows.text(row, 9));
    e.outcome = outcome_from_name(rows.text(row, 10));
    e.error_code = rows.text(row, 11);
    e.error_name = rows.text(row, 12);
    e.requester_organisation = rows.text(row, 13);
    return e;
}

// The interface's error for a failure of the pool or of a statement (`storage_unavailable`,
// `internal`): `errc::internal`, the cause kept.
error failure(std::string_view what, const error& cause) {
    error e = make_error(errc::internal, std::string(what) + ": " + cause.message);
    e.context = cause.context;
    return e;
}

template <class T>
result<T> or_failure(result<T> outcome, std::string_view what) {
    if (!outcome) {
        return failure(what, outcome.error());
    }
    return outcome;
}

constexpr std::string_view cannot_store = "the audit event could not be stored";
constexpr std::string_view cannot_read = "the audit trail could not be read";
constexpr std::string_view cannot_read_spool = "the ATNA spool could not be read";
constexpr std::string_view cannot_write_spool = "the ATNA spool could not be written";

auto newest_job(std::size_t limit) {
    return [limit](postgres_connection& db) -> result<std::vector<audit_event>> {
        const auto rows = db.execute("SELECT " + std::string(event_columns) +
                                         " FROM ncpeh_audit_event ORDER BY seq DESC LIMIT $1",
                                     {static_cast<std::int64_t>(limit)});
        std::vector<audit_event> out;
        out.reserve(static_cast<std::size_t>(rows.rows()));
        for (int i = 0; i < rows.rows(); ++i) {
            out.push_back(event_of(rows, i));
        }
        return out;
    };
}

// Months and names ordered byte by byte (COLLATE "C"), as the embedded trail orders them.
auto count_job(std::chrono::system_clock::time_point from,
               std::chrono::system_clock::time_point to) {
    return [from = milliseconds_of(from), to = milliseconds_of(to)](
               postgres_connection& db) -> result<std::vector<transaction_count>> {
        const auto rows = db.execute(
            "SELECT month, partner_country, transaction_name, outcome, n FROM ("
            "SELECT to_char(to_timestamp((at_ms / 1000)::double precision) AT TIME ZONE 'UTC', "
            "'YYYY-MM') AS month, partner_country, transaction_name, outcome, count(*) AS n "
            "FROM ncpeh_audit_event "
            "WHERE at_ms >= $1::bigint AND at_ms < $2::bigint AND outcome <> 'started' "
            "GROUP BY 1, 2, 3, 4) AS counted "
            "ORDER BY month COLLATE \"C\", partner_country COLLATE \"C\", "
            "transaction_name COLLATE \"C\", outcome COLLATE \"C\"",
            {from, to});
        std::vector<transaction_count> out;
        for (int i = 0; i < rows.rows(); ++i) {
            out.push_back({rows.text(i, 0), rows.text(i, 1), rows.text(i, 2),
                           outcome_from_name(rows.text(i, 3)),
                           static_cast<std::uint64_t>(rows.integer(i, 4))});
        }
        return out;
    };
}

auto patient_access_job(patient_access_query query) {
    return [query = std::move(query)](postgres_connection& db) -> result<patient_access_page> {
        patient_access_page page;
        if (query.transactions.empty() || query.limit == 0) {
            return page;
        }
        // $1 patient, $2 the limit, $3 and $4 the cursor when there is one, then the
        // transactions. Served by the index on (patient_id, at_ms, seq).
        std::vector<postgres_param> params;
        params.emplace_back(query.patient_id);
        // One more than the page holds: whether a next page exists.
        params.emplace_back(static_cast<std::int64_t>(query.limit + 1));
        std::string cursor;
        if (query.after) {
            cursor = " AND (e.at_ms, e.seq) < ($3::bigint, $4::bigint)";
            params.emplace_back(query.after->at_ms);
            params.emplace_back(query.after->seq);
        }
        std::string placeholders;
        for (const std::string& transaction : query.transactions) {
            params.emplace_back(transaction);
            placeholders += (placeholders.empty() ? "$" : ", $") + std::to_string(params.size());
        }
        const auto rows = db.execute(
            "SELECT " + std::string(event_columns) +
                ", seq FROM ncpeh_audit_event AS e "
                "WHERE e.patient_id = $1 AND e.transaction_name IN (" +
                placeholders + ")" + cursor +
                " AND NOT (e.outcome = 'started' AND EXISTS (SELECT 1 FROM ncpeh_audit_event AS f "
                "WHERE f.patient_id = e.patient_id AND f.message_id = e.message_id "
                "AND f.transaction_name = e.transaction_name AND f.outcome <> 'started')) "
                "ORDER BY e.at_ms DESC, e.seq DESC LIMIT $2::bigint",
            params);
        access_cursor last;
        for (int i = 0; i < rows.rows(); ++i) {
            if (page.events.size() == query.limit) {
                page.next = last;
                break;
            }
            page.events.push_back(event_of(rows, i));
            last = {rows.integer(i, 0), rows.integer(i, 14)};
        }
        return page;
    };
}

// Takes or renews the exporter lease, then reads the oldest messages: none while another
// instance holds the lease.
auto undelivered_job(std::string instance, std::chrono::milliseconds lease, std::size_t limit) {
    return [instance = std::move(instance), lease,
            limit](postgres_connection& db) -> result<std::vector<spooled_message>> {
        return storage::in_transaction(
            db, [&](postgres_connection& t) -> result<std::vector<spooled_message>> {
                const auto held = t.execute(
                    "INSERT INTO ncpeh_atna_exporter AS x (id, instance, until) "
                    "VALUES (1, $1, clock_timestamp() + $2::bigint * interval '1 millisecond') "
                    "ON CONFLICT (id) DO UPDATE SET instance = EXCLUDED.instance, "
                    "until = EXCLUDED.until "
                    "WHERE x.instance = EXCLUDED.instance OR x.until < clock_timestamp() "
                    "RETURNING instance",
                    {instance, static_cast<std::int64_t>(lease.count())});
                std::vector<spooled_message> out;
                if (held.rows() == 0) {
                    return out;  // another instance exports
                }
                const auto rows = t.execute(
                    "SELECT seq, at_ms, message FROM ncpeh_atna_spool ORDER BY seq LIMIT $1",
                    {static_cast<std::int64_t>(limit)});
                for (int i = 0; i < rows.rows(); ++i) {
                    out.push_back(
                        {rows.integer(i, 0), time_of(rows.integer(i, 1)), rows.text(i, 2)});
                }
                return out;
            });
    };
}

// "{1,2,3}": a bigint[] parameter.
std::string array_of(const std::vector<std::int64_t>& seqs) {
    std::string out = "{";
    for (const std::int64_t seq : seqs) {
        out += (out.size() > 1 ? "," : "") + std::to_string(seq);
    }
    return out + "}";
}

auto delete_job(std::vector<std::int64_t> seqs) {
    return [seqs = std::move(seqs)](postgres_connection& db) -> result<void> {
        if (!seqs.empty()) {
            db.execute("DELETE FROM ncpeh_atna_spool WHERE seq = ANY($1::bigint[])",
                       {array_of(seqs)});
        }
        return {};
    };
}

result<spool_backlog> backlog_of(postgres_connection& db) {
    const auto rows = db.execute("SELECT count(*), min(at_ms) FROM ncpeh_atna_spool");
    spool_backlog out;
    out.messages = static_cast<std::uint64_t>(rows.integer(0, 0));
    if (!rows.is_null(0, 1)) {
        out.oldest = time_of(rows.integer(0, 1));
    }
    return out;
}

// Whether rows can be written now: not a standby, not read-only, allowed to insert.
result<void> probe(postgres_connection& db) {
    const auto rows = db.execute(
        "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' "
        "AND has_table_privilege('ncpeh_audit_event', 'INSERT') "
        "AND has_table_privilege('ncpeh_atna_spool', 'INSERT')");
    if (rows.text(0, 0) != "t") {
        return make_error(errc::internal,
                          "the database takes no audit rows (a standby or read-only, or no INSERT "
                          "privilege on ncpeh_audit_event and ncpeh_atna_spool)");
    }
    return {};
}

}  // namespace

std::string default_instance_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
        std::snprintf(name, sizeof name, "%s", "localhost");
    }
    return std::string(name) + "/" + std::to_string(::getpid());
}

postgres_audit_trail::postgres_audit_trail(storage::postgres_pool& pool,
                                           postgres_audit_settings settings)
    : pool_(pool),
      settings_(std::move(settings)),
      hooks_(std::make_shared<const hooks>()),
      prober_([this](std::stop_token stop) { probe_until_stopped(std::move(stop)); }) {}

postgres_audit_trail::~postgres_audit_trail() = default;

void postgres_audit_trail::note(const result<void>& written) const {
    const std::lock_guard lock(state_mutex_);
    last_written_ = std::chrono::steady_clock::now();
    if (!written && !unwritable_) {
        log::logger().error("audit.unavailable", {{"reason", written.error().message}});
    } else if (written && unwritable_) {
        log::logger().info("audit.available", {{"instance", settings_.instance}});
    }
    unwritable_ = written ? std::nullopt : std::optional<std::string>(written.error().message);
}

void postgres_audit_trail::probe_until_stopped(std::stop_token stop) {
    std::mutex idle;
    std::condition_variable_any wake;
    std::unique_lock lock(idle);
    for (;;) {
        bool due = false;
        {
            const std::lock_guard state(state_mutex_);
            due = std::chrono::steady_clock::now() - last_written_ >= settings_.probe_interval;
        }
        if (due) {
            // A thread of its own: it may wait for the pool.
            note(or_failure(pool_.run_blocking(probe), cannot_store));
        }
        // Returns early only when the trail is being destroyed.
        wake.wait_for(lock, stop, settings_.probe_interval, [] { return false; });
        if (stop.stop_requested()) {
            return;
        }
    }
}

result<void> postgres_audit_trail::check_writable() const {
    const std::lock_guard lock(state_mutex_);
    if (unwritable_) {
        return make_error(errc::internal, *unwritable_);
    }
    return {};
}

std::shared_ptr<const postgres_audit_trail::hooks> postgres_audit_trail::current_hooks() const {
    const std::lock_guard lock(hooks_mutex_);
    return hooks_;
}

void postgres_audit_trail::spool_for_atna(atna_renderer render, std::function<void()> on_spooled) {
    auto replaced = std::make_shared<const hooks>(hooks{std::move(render), std::move(on_spooled)});
    const std::lock_guard lock(hooks_mutex_);
    hooks_ = std::move(replaced);
}

void postgres_audit_trail::spooled() {
    // Under the lock: once `spool_for_atna` replaced it, the old function is not called.
    const std::lock_guard lock(hooks_mutex_);
    if (hooks_->on_spooled) {
        hooks_->on_spooled();
    }
}

boost::asio::awaitable<result<void>> postgres_audit_trail::record(audit_event event) {
    auto job = [event = std::move(event), hooks = current_hooks(),
                instance = settings_.instance](postgres_connection& db) -> result<bool> {
        return storage::in_transaction(db, [&](postgres_connection& t) -> result<bool> {
            t.execute(
                "INSERT INTO ncpeh_audit_event (instance, at_ms, transaction_name, "
                "partner_country, message_id, hcp_assertion_id, trc_assertion_id, requester, "
                "requester_role, patient_id, document_ids, outcome, error_code, error_name, "
                "requester_organisation) "
                "VALUES ($1, $2::bigint, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                {instance, milliseconds_of(event.at), event.transaction, event.partner_country,
                 event.message_id, event.hcp_assertion_id, event.trc_assertion_id, event.requester,
                 event.requester_role, event.patient_id, join_document_ids(event.document_ids),
                 name_of(event.outcome), event.error_code, event.error_name,
                 event.requester_organisation});
            bool spooled = false;
            if (hooks->render) {
                for (const std::string& message : hooks->render(event)) {
                    t.execute(
                        "INSERT INTO ncpeh_atna_spool (instance, at_ms, message) "
                        "VALUES ($1, $2::bigint, $3)",
                        {instance, milliseconds_of(event.at), message});
                    spooled = true;
                }
            }
            return spooled;
        });
    };
    // The job is named, and so is every argument of a co_await in this file: GCC 12 mishandles
    // temporaries built inside a co_await expression.
    auto stored = co_await pool_.run(std::move(job));
    if (!stored) {
        error e = failure(cannot_store, stored.error());
        note(e);
        co_return e;
    }
    note({});
    if (*stored) {
        spooled();
    }
    co_return result<void>{};
}

result<std::vector<audit_event>> postgres_audit_trail::newest(std::size_t limit) const {
    return or_failure(pool_.run_blocking(newest_job(limit)), cannot_read);
}

boost::asio::awaitable<result<std::vector<audit_event>>> postgres_audit_trail::async_newest(
    std::size_t limit) const {
    auto job = newest_job(limit);  // named: see `record`
    auto read = co_await pool_.run(std::move(job));
    co_return or_failure(std::move(read), cannot_read);
}

result<std::vector<transaction_count>> postgres_audit_trail::count_transactions(
    std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) const {
    return or_failure(pool_.run_blocking(count_job(from, to)), cannot_read);
}

boost::asio::awaitable<result<std::vector<transaction_count>>>
postgres_audit_trail::async_count_transactions(std::chrono::system_clock::time_point from,
                                               std::chrono::system_clock::time_point to) const {
    auto job = count_job(from, to);
    auto read = co_await pool_.run(std::move(job));
    co_return or_failure(std::move(read), cannot_read);
}

result<patient_access_page> postgres_audit_trail::patient_access(
    const patient_access_query& query) const {
    return or_failure(pool_.run_blocking(patient_access_job(query)), cannot_read);
}

boost::asio::awaitable<result<patient_access_page>> postgres_audit_trail::async_patient_access(
    patient_access_query query) const {
    auto job = patient_access_job(std::move(query));
    auto read = co_await pool_.run(std::move(job));
    co_return or_failure(std::move(read), cannot_read);
}

result<std::vector<spooled_message>> postgres_audit_trail::undelivered(std::size_t limit) const {
    auto batch = or_failure(
        pool_.run_blocking(undelivered_job(settings_.instance, settings_.exporter_lease, limit)),
        cannot_read_spool);
    if (batch) {
        const std::lock_guard lock(state_mutex_);
        handed_out_.clear();
        for (const spooled_message& m : *batch) {
            handed_out_.push_back(m.seq);
        }
    }
    return batch;
}

boost::asio::awaitable<result<std::vector<spooled_message>>>
postgres_audit_trail::async_undelivered(std::size_t limit) const {
    auto job = undelivered_job(settings_.instance, settings_.exporter_lease, limit);
    auto read = co_await pool_.run(std::move(job));
    auto batch = or_failure(std::move(read), cannot_read_spool);
    if (batch) {
        const std::lock_guard lock(state_mutex_);
        handed_out_.clear();
        for (const spooled_message& m : *batch) {
            handed_out_.push_back(m.seq);
        }
    }
    co_return batch;
}

namespace {

// The handed-out messages up to `seq`, taken out of `handed_out`.
std::vector<std::int64_t> take_up_to(std::vector<std::int64_t>& handed_out, std::int64_t seq) {
    std::vector<std::int64_t> taken;
    std::erase_if(handed_out, [&](std::int64_t s) {
        if (s <= seq) {
            taken.push_back(s);
            return true;
        }
        return false;
    });
    return taken;
}

}  // namespace

result<void> postgres_audit_trail::mark_delivered(std::int64_t seq) {
    std::vector<std::int64_t> seqs;
    {
        const std::lock_guard lock(state_mutex_);
        seqs = take_up_to(handed_out_, seq);
    }
    auto deleted = or_failure(pool_.run_blocking(delete_job(seqs)), cannot_write_spool);
    if (!deleted) {
        const std::lock_guard lock(state_mutex_);
        handed_out_.insert(handed_out_.end(), seqs.begin(), seqs.end());
    }
    return deleted;
}

boost::asio::awaitable<result<void>> postgres_audit_trail::async_mark_delivered(std::int64_t seq) {
    std::vector<std::int64_t> seqs;
    {
        const std::lock_guard lock(state_mutex_);
        seqs = take_up_to(handed_out_, seq);
    }
    auto job = delete_job(seqs);
    auto deleted = or_failure(co_await pool_.run(std::move(job)), cannot_write_spool);
    if (!deleted) {
        const std::lock_guard lock(state_mutex_);
        handed_out_.insert(handed_out_.end(), seqs.begin(), seqs.end());
    }
    co_return deleted;
}

result<spool_backlog> postgres_audit_trail::backlog() const {
    return or_failure(pool_.run_blocking(backlog_of), cannot_read_spool);
}

boost::asio::awaitable<result<spool_backlog>> postgres_audit_trail::async_backlog() const {
    auto read = co_await pool_.run(backlog_of);
    co_return or_failure(std::move(read), cannot_read_spool);
}

}  // namespace ncpeh::gateway::audit
