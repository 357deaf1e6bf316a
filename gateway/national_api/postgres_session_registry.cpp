#include "gateway/national_api/postgres_session_registry.hpp"

#include <cstdint>
#include <utility>

#include "gateway/storage/postgres_config.hpp"

namespace ncpeh::gateway::national_api {

namespace {

namespace net = boost::asio;
using storage::postgres_connection;

std::int64_t ns_of(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::chrono::system_clock::time_point time_of(std::int64_t ns) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(ns)));
}

// The token's SHA-256 as the hex text `decode($n, 'hex')` takes.
std::string token_key(std::string_view token) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string hex;
    for (const char c : session_token_sha256(token)) {
        const auto b = static_cast<unsigned char>(c);
        hex += digits[b >> 4];
        hex += digits[b & 0x0f];
    }
    return hex;
}

result<std::string> open_in(postgres_connection& db, const session& s, const std::string& token,
                            std::chrono::system_clock::time_point now, std::size_t max_sessions) {
    const auto open_now = db.execute("SELECT count(*) FROM ncpeh_sessions").integer(0, 0);
    if (static_cast<std::size_t>(open_now) >= max_sessions &&
        db.execute("DELETE FROM ncpeh_sessions WHERE expires_at_ns <= $1::bigint", {ns_of(now)})
                .affected_rows() == 0) {
        return make_error(errc::storage_unavailable,
                          "too many pharmacist sessions are open; try again later")
            .with("max_sessions", std::to_string(max_sessions));
    }
    db.execute(
        "INSERT INTO ncpeh_sessions (id, token_sha256, client_certificate_sha256, pharmacy_gln, "
        "pharmacy_name, pharmacy_organization_id, pharmacy_locality, "
        "pharmacist_legitimationskod, pharmacist_name, pharmacist_profession, hcp_assertion, "
        "hcp_assertion_id, expires_at_ns) "
        "VALUES ($1, decode($2, 'hex'), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::bigint)",
        {s.id, token_key(token), s.client_certificate_sha256, s.pharmacy.gln, s.pharmacy.name,
         s.pharmacy.organization_id, s.pharmacy.locality, s.pharmacist.legitimationskod,
         s.pharmacist.name, s.pharmacist.profession, s.hcp_assertion, s.hcp_assertion_id,
         ns_of(s.expires_at)});
    return token;
}

std::shared_ptr<const session> find_in(postgres_connection& db, const std::string& token) {
    const auto rows = db.execute(
        "SELECT id, client_certificate_sha256, pharmacy_gln, pharmacy_name, "
        "pharmacy_organization_id, pharmacy_locality, pharmacist_legitimationskod, "
        "pharmacist_name, pharmacist_profession, hcp_assertion, hcp_assertion_id, expires_at_ns "
        "FROM ncpeh_sessions WHERE token_sha256 = decode($1, 'hex')",
        {token_key(token)});
    if (rows.rows() == 0) {
        return nullptr;
    }
    auto s = std::make_shared<session>();
    s->id = rows.text(0, 0);
    s->client_certificate_sha256 = rows.text(0, 1);
    s->pharmacy = {rows.text(0, 2), rows.text(0, 3), rows.text(0, 4), rows.text(0, 5)};
    s->pharmacist = {rows.text(0, 6), rows.text(0, 7), rows.text(0, 8)};
    s->hcp_assertion = rows.text(0, 9);
    s->hcp_assertion_id = rows.text(0, 10);
    s->expires_at = time_of(rows.integer(0, 11));
    return s;
}

void remember_document_in(postgres_connection& db, const std::string& session_id,
                          const retrieved_document& d) {
    db.execute(
        "DELETE FROM ncpeh_session_documents "
        "WHERE session_id = $1 AND country = $2 AND document_id = $3",
        {session_id, d.country, d.document_id});
    const auto inserted = db.execute(
        "INSERT INTO ncpeh_session_documents (session_id, country, document_id, patient_id, cda) "
        "SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM ncpeh_sessions WHERE id = $1)",
        {session_id, d.country, d.document_id, d.patient_id, d.cda});
    if (inserted.affected_rows() == 0) {
        return;  // no such session (any more)
    }
    db.execute(
        "DELETE FROM ncpeh_session_documents WHERE session_id = $1 AND seq NOT IN ("
        " SELECT seq FROM ncpeh_session_documents WHERE session_id = $1"
        " ORDER BY seq DESC LIMIT $2::bigint)",
        {session_id, static_cast<std::int64_t>(session_registry::documents_per_session)});
}

}  // namespace

net::awaitable<result<std::string>> postgres_session_registry::open(
    session s, std::chrono::system_clock::time_point now) {
    auto made = make_session_token_and_id();
    if (!made) {
        co_return make_error(errc::internal, "the random generator failed");
    }
    s.id = made->second;
    auto work = [s = std::move(s), token = std::move(made->first), now,
                 max = max_sessions_](postgres_connection& db) -> result<std::string> {
        return storage::in_transaction(
            db, [&](postgres_connection& t) { return open_in(t, s, token, now, max); });
    };
    // The job is made in a statement of its own, not inside the co_await expression: with GCC 12
    // a lambda temporary there had its strings' inline buffers point into the coroutine frame,
    // freed by the pool's worker (ASan: "attempting free on address which was not malloc()-ed").
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<std::shared_ptr<const session>>> postgres_session_registry::find(
    std::string token, std::string client_certificate_sha256,
    std::chrono::system_clock::time_point now) {
    if (token.empty()) {
        co_return missing_session_token();
    }
    auto work = [token = std::move(token)](
                    postgres_connection& db) -> result<std::shared_ptr<const session>> {
        return find_in(db, token);
    };
    auto pending = database_.run(std::move(work));
    auto found = co_await std::move(pending);
    if (!found) {
        co_return found.error();
    }
    co_return usable_session(std::move(*found), client_certificate_sha256, now);
}

net::awaitable<result<void>> postgres_session_registry::remember_patient(
    std::string session_id, identified_patient patient) {
    auto work = [id = std::move(session_id),
                 p = std::move(patient)](postgres_connection& db) -> result<void> {
        db.execute(
            "INSERT INTO ncpeh_session_patients (session_id, country, patient_id) "
            "SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM ncpeh_sessions WHERE id = $1) "
            "ON CONFLICT DO NOTHING",
            {id, p.country, p.patient_id});
        return {};
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<bool>> postgres_session_registry::identified(std::string session_id,
                                                                   identified_patient patient) {
    auto work = [id = std::move(session_id),
                 p = std::move(patient)](postgres_connection& db) -> result<bool> {
        return db.execute(
                     "SELECT 1 FROM ncpeh_session_patients "
                     "WHERE session_id = $1 AND country = $2 AND patient_id = $3",
                     {id, p.country, p.patient_id})
                   .rows() == 1;
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<void>> postgres_session_registry::remember_document(
    std::string session_id, retrieved_document document) {
    auto work = [id = std::move(session_id),
                 d = std::move(document)](postgres_connection& db) -> result<void> {
        return storage::in_transaction(db, [&](postgres_connection& t) -> result<void> {
            remember_document_in(t, id, d);
            return {};
        });
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<std::optional<retrieved_document>>> postgres_session_registry::find_document(
    std::string session_id, std::string country, std::string document_id) {
    auto work = [id = std::move(session_id), country = std::move(country),
                 document_id = std::move(document_id)](
                    postgres_connection& db) -> result<std::optional<retrieved_document>> {
        const auto rows = db.execute(
            "SELECT patient_id, cda FROM ncpeh_session_documents "
            "WHERE session_id = $1 AND country = $2 AND document_id = $3",
            {id, country, document_id});
        if (rows.rows() == 0) {
            return std::optional<retrieved_document>();
        }
        return std::optional<retrieved_document>(
            retrieved_document{country, rows.text(0, 0), document_id, rows.text(0, 1)});
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

net::awaitable<result<std::size_t>> postgres_session_registry::purge_expired(
    std::chrono::system_clock::time_point now) {
    auto work = [now](postgres_connection& db) -> result<std::size_t> {
        return static_cast<std::size_t>(
            db.execute("DELETE FROM ncpeh_sessions WHERE expires_at_ns <= $1::bigint", {ns_of(now)})
                .affected_rows());
    };
    auto pending = database_.run(std::move(work));
    co_return co_await std::move(pending);
}

result<std::unique_ptr<session_registry>> open_session_registry(const std::string& database_url,
                                                                storage::postgres_pool* database) {
    if (!storage::is_postgres_url(database_url)) {
        return std::unique_ptr<session_registry>(std::make_unique<in_memory_session_registry>());
    }
    if (database == nullptr) {
        return make_error(errc::invalid_argument,
                          "PostgreSQL pharmacist sessions need the connection pool");
    }
    return std::unique_ptr<session_registry>(
        std::make_unique<postgres_session_registry>(*database));
}

}  // namespace ncpeh::gateway::national_api
