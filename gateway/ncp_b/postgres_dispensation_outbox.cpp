#include "gateway/ncp_b/postgres_dispensation_outbox.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>

namespace ncpeh::gateway::ncp_b {

namespace {

namespace net = boost::asio;
using storage::postgres_connection;
using storage::postgres_param;
using storage::postgres_result;

// Every column of a record, in the order `read_record` expects.
constexpr std::string_view record_columns =
    "id, kind, discards_id, pharmacy_gln, dispatch_id, pharmacist_legitimationskod, "
    "pharmacist_name, pharmacist_profession_code, country, patient_id, "
    "prescription_document_id, prescription_id, ed_document_id, ed_cda, created_at_ms, status, "
    "attempts, last_attempt_at_ms, next_attempt_at_ms, last_error_code, last_error_message, "
    "delivered_at_ms";

// `record_columns`, each prefixed with `prefix` ("r.").
std::string qualified_columns(std::string_view prefix) {
    std::string out;
    std::string_view rest = record_columns;
    while (!rest.empty()) {
        const auto comma = rest.find(", ");
        out += std::string(prefix) + std::string(rest.substr(0, comma));
        if (comma == std::string_view::npos) {
            break;
        }
        out += ", ";
        rest.remove_prefix(comma + 2);
    }
    return out;
}

const std::string& select_record() {
    static const std::string sql =
        "SELECT " + std::string(record_columns) + " FROM ncpeh_dispensation_outbox ";
    return sql;
}

// Claims in one statement. The CTE (materialised: run once) locks the rows it picks and skips
// those another transaction holds (an instance claiming right now); a row another instance
// claimed and committed since the statement's snapshot is checked again in its new version,
// whose lease is not over. $1 now, $2 lease end, $3 limit, $4 the one id or NULL for any,
// $5 the held countries (text[]).
const std::string& claim_sql() {
    static const std::string sql =
        "WITH due AS MATERIALIZED (SELECT o.id FROM ncpeh_dispensation_outbox o "
        "  WHERE o.status IN ('queued', 'delivering') AND o.next_attempt_at_ms <= $1::bigint "
        "  AND ($4::text IS NULL OR o.id = $4::text) "
        "  AND o.country <> ALL ($5::text[]) "
        "  AND (o.kind = 'dispensation' OR EXISTS (SELECT 1 FROM ncpeh_dispensation_outbox d "
        "       WHERE d.id = o.discards_id AND d.status = 'delivered')) "
        "  ORDER BY o.next_attempt_at_ms, o.created_at_ms LIMIT $3::bigint "
        "  FOR UPDATE OF o SKIP LOCKED) "
        "UPDATE ncpeh_dispensation_outbox r SET status = 'delivering', "
        "attempts = r.attempts + 1, last_attempt_at_ms = $1::bigint, "
        "next_attempt_at_ms = $2::bigint FROM due WHERE r.id = due.id "
        "RETURNING " +
        qualified_columns("r.");
    return sql;
}

std::int64_t ms_of(outbox_time t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

outbox_time time_of(std::int64_t ms) {
    return outbox_time(std::chrono::milliseconds(ms));
}

std::optional<outbox_time> optional_time(const postgres_result& rows, int row, int column) {
    if (rows.is_null(row, column)) {
        return std::nullopt;
    }
    return time_of(rows.integer(row, column));
}

outbox_record read_record(const postgres_result& rows, int row) {
    const auto text = [&](int column) { return rows.text(row, column); };
    outbox_record r;
    r.id = text(0);
    r.entry.kind = outbox_kind_from_name(text(1)).value_or(outbox_kind::dispensation);
    r.entry.discards_id = text(2);
    r.entry.pharmacy_gln = text(3);
    r.entry.dispatch_id = text(4);
    r.entry.pharmacist = {text(5), text(6), text(7)};
    r.entry.country = text(8);
    r.entry.patient_id = text(9);
    r.entry.prescription_document_id = text(10);
    r.entry.prescription_id = text(11);
    r.entry.ed_document_id = text(12);
    r.entry.ed_cda = text(13);
    r.created_at = time_of(rows.integer(row, 14));
    r.status = outbox_status_from_name(text(15)).value_or(outbox_status::queued);
    r.attempts = static_cast<int>(rows.integer(row, 16));
    r.last_attempt_at = optional_time(rows, row, 17);
    r.next_attempt_at = time_of(rows.integer(row, 18));
    if (!rows.is_null(row, 19)) {
        r.last_error = outbox_error{text(19), text(20)};
    }
    r.delivered_at = optional_time(rows, row, 21);
    return r;
}

std::optional<outbox_record> find_one(postgres_connection& db, std::string_view where,
                                      std::initializer_list<postgres_param> params) {
    const auto rows = db.execute(select_record() + std::string(where), params);
    if (rows.rows() == 0) {
        return std::nullopt;
    }
    return read_record(rows, 0);
}

// `held_countries` as a PostgreSQL array literal, each element quoted: {"FI","CZ"}.
std::string array_literal(const std::vector<std::string>& values) {
    std::string out = "{";
    for (const std::string& value : values) {
        if (out.size() > 1) {
            out += ',';
        }
        out += '"';
        for (const char c : value) {
            if (c == '"' || c == '\\') {
                out += '\\';
            }
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::vector<outbox_record> run_claim(postgres_connection& db, outbox_time now, std::size_t limit,
                                     std::chrono::milliseconds lease,
                                     const std::optional<std::string>& id,
                                     const std::vector<std::string>& held_countries) {
    const auto rows =
        db.execute(claim_sql(), {ms_of(now), ms_of(now + lease), static_cast<std::int64_t>(limit),
                                 id ? postgres_param(*id) : postgres_param(std::nullopt),
                                 array_literal(held_countries)});
    std::vector<outbox_record> claimed;
    claimed.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        claimed.push_back(read_record(rows, row));
    }
    std::sort(claimed.begin(), claimed.end(), [](const outbox_record& a, const outbox_record& b) {
        return a.created_at < b.created_at;
    });
    return claimed;
}

constexpr std::string_view same_key = "WHERE pharmacy_gln = $1 AND dispatch_id = $2 AND kind = $3";

result<enqueued> enqueue_in(postgres_connection& db, const outbox_entry& e, outbox_time now) {
    const std::string kind(name_of(e.kind));
    // Durable before the pharmacy is answered, whatever the server's or role's default.
    db.execute("SET LOCAL synchronous_commit = on");
    if (auto earlier = find_one(db, same_key, {e.pharmacy_gln, e.dispatch_id, kind})) {
        return enqueued{std::move(*earlier), true};
    }
    if (e.kind == outbox_kind::discard &&
        !find_one(db, "WHERE id = $1 AND pharmacy_gln = $2 AND kind = 'dispensation'",
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
    const auto inserted = db.execute(
        "INSERT INTO ncpeh_dispensation_outbox (id, kind, discards_id, pharmacy_gln, dispatch_id, "
        "pharmacist_legitimationskod, pharmacist_name, pharmacist_profession_code, country, "
        "patient_id, prescription_document_id, prescription_id, ed_document_id, ed_cda, "
        "created_at_ms, status, attempts, next_attempt_at_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::bigint, "
        "'queued', 0, $15::bigint) "
        "ON CONFLICT ON CONSTRAINT ncpeh_dispensation_outbox_once DO NOTHING "
        "RETURNING " +
            std::string(record_columns),
        {*id, kind,
         e.discards_id.empty() ? postgres_param(std::nullopt) : postgres_param(e.discards_id),
         e.pharmacy_gln, e.dispatch_id, e.pharmacist.legitimationskod, e.pharmacist.name,
         e.pharmacist.profession_code, e.country, e.patient_id, e.prescription_document_id,
         e.prescription_id, e.ed_document_id, e.ed_cda, at});
    if (inserted.rows() == 1) {
        return enqueued{read_record(inserted, 0), false};
    }
    // Another instance stored the same key since the look-up above, and committed (the insert
    // waited for it): its record is the one, read with a snapshot that sees it.
    if (auto concurrent = find_one(db, same_key, {e.pharmacy_gln, e.dispatch_id, kind})) {
        return enqueued{std::move(*concurrent), true};
    }
    return make_error(errc::internal, "a queued dispensation cannot be read back");
}

outbox_counts count_in(postgres_connection& db, outbox_time now) {
    outbox_counts out;
    const auto by_status =
        db.execute("SELECT status, COUNT(*) FROM ncpeh_dispensation_outbox GROUP BY status");
    for (int row = 0; row < by_status.rows(); ++row) {
        const auto n = static_cast<std::uint64_t>(by_status.integer(row, 1));
        switch (outbox_status_from_name(by_status.text(row, 0)).value_or(outbox_status::queued)) {
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
    const auto oldest = db.execute(
        "SELECT MIN(created_at_ms) FROM ncpeh_dispensation_outbox "
        "WHERE status IN ('queued', 'delivering')");
    if (oldest.rows() == 1 && !oldest.is_null(0, 0)) {
        const auto age = std::chrono::milliseconds(ms_of(now) - oldest.integer(0, 0));
        out.oldest_pending_age = std::max(age, std::chrono::milliseconds(0));
    }
    return out;
}

}  // namespace

postgres_dispensation_outbox::postgres_dispensation_outbox(storage::postgres_pool& database)
    : database_(database) {}

net::awaitable<result<enqueued>> postgres_dispensation_outbox::enqueue(outbox_entry entry,
                                                                       outbox_time now) {
    if (auto ok = check_outbox_entry(entry); !ok) {
        co_return ok.error();
    }
    auto work = [entry = std::move(entry), now](postgres_connection& db) -> result<enqueued> {
        return storage::in_transaction(
            db, [&](postgres_connection& t) { return enqueue_in(t, entry, now); });
    };
    // The job is made in a statement of its own, not inside the co_await expression: with GCC 12
    // a lambda temporary there had its strings' inline buffers point into the coroutine frame,
    // freed by the pool's worker (ASan: "attempting free on address which was not malloc()-ed").
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<std::vector<outbox_record>>> postgres_dispensation_outbox::claim_due(
    outbox_time now, std::size_t limit, std::chrono::milliseconds lease,
    std::vector<std::string> held_countries) {
    auto work = [now, limit, lease, held = std::move(held_countries)](
                    postgres_connection& db) -> result<std::vector<outbox_record>> {
        return run_claim(db, now, limit, lease, std::nullopt, held);
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<std::optional<outbox_record>>> postgres_dispensation_outbox::claim(
    std::string id, outbox_time now, std::chrono::milliseconds lease) {
    auto work = [id = std::move(id), now,
                 lease](postgres_connection& db) -> result<std::optional<outbox_record>> {
        auto claimed = run_claim(db, now, 1, lease, id, {});
        if (claimed.empty()) {
            return std::optional<outbox_record>();
        }
        return std::optional<outbox_record>(std::move(claimed.front()));
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<bool>> postgres_dispensation_outbox::mark_delivered(std::string id,
                                                                          outbox_time at) {
    auto work = [id = std::move(id), at](postgres_connection& db) -> result<bool> {
        return db.execute(
                     "UPDATE ncpeh_dispensation_outbox SET status = 'delivered', "
                     "delivered_at_ms = $1::bigint WHERE id = $2 AND status <> 'delivered'",
                     {ms_of(at), id})
                   .affected_rows() == 1;
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<bool>> postgres_dispensation_outbox::mark_retry(std::string id, int attempt,
                                                                      outbox_error error,
                                                                      outbox_time next_attempt_at) {
    auto work = [id = std::move(id), attempt, error = std::move(error),
                 next_attempt_at](postgres_connection& db) -> result<bool> {
        return db.execute(
                     "UPDATE ncpeh_dispensation_outbox SET status = 'queued', "
                     "next_attempt_at_ms = $1::bigint, last_error_code = $2, "
                     "last_error_message = $3 "
                     "WHERE id = $4 AND status = 'delivering' AND attempts = $5::integer",
                     {ms_of(next_attempt_at), error.code, error.message, id, attempt})
                   .affected_rows() == 1;
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<bool>> postgres_dispensation_outbox::mark_failed(std::string id, int attempt,
                                                                       outbox_error error) {
    auto work = [id = std::move(id), attempt,
                 error = std::move(error)](postgres_connection& db) -> result<bool> {
        return db.execute(
                     "UPDATE ncpeh_dispensation_outbox SET status = 'failed', "
                     "last_error_code = $1, last_error_message = $2 "
                     "WHERE id = $3 AND status = 'delivering' AND attempts = $4::integer",
                     {error.code, error.message, id, attempt})
                   .affected_rows() == 1;
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<outbox_record>> postgres_dispensation_outbox::find(std::string id,
                                                                         std::string pharmacy_gln) {
    auto work = [id = std::move(id),
                 gln = std::move(pharmacy_gln)](postgres_connection& db) -> result<outbox_record> {
        if (auto found = find_one(db, "WHERE id = $1 AND pharmacy_gln = $2", {id, gln})) {
            return std::move(*found);
        }
        return make_error(errc::dispensation_not_found,
                          "no foreign dispensation with this id was accepted for this "
                          "pharmacy")
            .with("dispensation", id);
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<outbox_counts>> postgres_dispensation_outbox::counts(outbox_time now) {
    auto work = [now](postgres_connection& db) -> result<outbox_counts> {
        return count_in(db, now);
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

}  // namespace ncpeh::gateway::ncp_b
