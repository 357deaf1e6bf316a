#include "gateway/storage/postgres_replay_cache.hpp"

#include <string>

namespace ncpeh::gateway::storage {

namespace {

// Timestamps travel as microseconds since the epoch (exact, whatever the server's time zone).
std::int64_t micros_of(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

// New, or the stored entry has expired: the row is written and returned. An entry still valid
// at `now` is left alone and nothing is returned. Concurrent callers with one key serialise on
// the primary key: the second sees the first's row once it is committed.
constexpr std::string_view remember_sql =
    "INSERT INTO ncpeh_replay_cache AS seen (key, expires_at) "
    "VALUES (sha256(convert_to($1, 'UTF8') || '\\x00'::bytea || convert_to($2, 'UTF8')), "
    "        'epoch'::timestamptz + $3::bigint * interval '1 microsecond') "
    "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at "
    "WHERE seen.expires_at < 'epoch'::timestamptz + $4::bigint * interval '1 microsecond' "
    "RETURNING 1";

}  // namespace

result<void> postgres_replay_cache::remember(std::string_view issuer, std::string_view id,
                                             std::chrono::system_clock::time_point expires_at,
                                             std::chrono::system_clock::time_point now) {
    const auto fresh = pool_.run_blocking([&](postgres_connection& db) -> result<bool> {
        return db.execute(remember_sql, {issuer, id, micros_of(expires_at), micros_of(now)})
                   .rows() == 1;
    });
    if (!fresh) {
        return fresh.error();
    }
    if (!*fresh) {
        return make_error(errc::assertion_replayed, "the assertion was already used")
            .with("id", std::string(id));
    }
    return {};
}

boost::asio::awaitable<result<std::size_t>> postgres_replay_cache::purge_expired(
    std::chrono::system_clock::time_point now) {
    auto purged = co_await pool_.run([cutoff = micros_of(now)](postgres_connection& db)
                                         -> result<std::pair<std::size_t, std::size_t>> {
        const auto deleted = db.execute(
            "DELETE FROM ncpeh_replay_cache "
            "WHERE expires_at < 'epoch'::timestamptz + $1::bigint * interval '1 microsecond'",
            {cutoff});
        const auto left = db.execute("SELECT count(*) FROM ncpeh_replay_cache");
        return std::pair{static_cast<std::size_t>(deleted.affected_rows()),
                         static_cast<std::size_t>(left.integer(0, 0))};
    });
    if (!purged) {
        co_return purged.error();
    }
    size_.store(purged->second, std::memory_order_relaxed);
    co_return purged->first;
}

}  // namespace ncpeh::gateway::storage
