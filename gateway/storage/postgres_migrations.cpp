#include "gateway/storage/postgres_migrations.hpp"

#include <algorithm>
#include <set>

namespace ncpeh::gateway::storage {

namespace {

constexpr std::string_view create_table =
    "CREATE TABLE IF NOT EXISTS ncpeh_schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

error unavailable(const postgres_error& e) {
    return make_error(errc::storage_unavailable,
                      std::string("the database schema cannot be migrated: ") + e.what());
}

result<void> check_order(const std::vector<postgres_migration>& steps) {
    for (std::size_t i = 1; i < steps.size(); ++i) {
        if (steps[i].version <= steps[i - 1].version) {
            return make_error(errc::internal, "the schema migrations are not in ascending order")
                .with("migration", std::to_string(steps[i].version));
        }
    }
    return {};
}

// Versions applied so far (none when the table does not exist yet).
std::set<int> applied_versions(postgres_connection& db) {
    std::set<int> out;
    const auto exists = db.execute("SELECT to_regclass('ncpeh_schema_migrations') IS NOT NULL");
    if (exists.text(0, 0) != "t") {
        return out;
    }
    const auto rows = db.execute("SELECT version FROM ncpeh_schema_migrations");
    for (int r = 0; r < rows.rows(); ++r) {
        out.insert(static_cast<int>(rows.integer(r, 0)));
    }
    return out;
}

migration_status status_of(const std::set<int>& applied,
                           const std::vector<postgres_migration>& steps) {
    migration_status out;
    std::set<int> known;
    for (const postgres_migration& step : steps) {
        known.insert(step.version);
        if (!applied.contains(step.version)) {
            out.pending.push_back(step);
        }
    }
    for (int version : applied) {
        if (!known.contains(version)) {
            out.unknown.push_back(version);
        }
    }
    return out;
}

// Holds the migration lock of a session until it goes out of scope.
class advisory_lock {
  public:
    explicit advisory_lock(postgres_connection& db) : db_(db) {
        db_.execute("SELECT pg_advisory_lock($1::bigint)", {migration_lock_key});
    }
    ~advisory_lock() {
        try {
            db_.execute("SELECT pg_advisory_unlock($1::bigint)", {migration_lock_key});
        } catch (...) {  // the connection is gone, and the lock with it
        }
    }
    advisory_lock(const advisory_lock&) = delete;
    advisory_lock& operator=(const advisory_lock&) = delete;

  private:
    postgres_connection& db_;
};

}  // namespace

result<migration_status> read_migration_status(postgres_connection& db,
                                               const std::vector<postgres_migration>& steps) {
    if (auto ordered = check_order(steps); !ordered) {
        return ordered.error();
    }
    try {
        return status_of(applied_versions(db), steps);
    } catch (const postgres_error& e) {
        return unavailable(e);
    }
}

result<std::vector<postgres_migration>> apply_migrations(
    postgres_connection& db, const std::vector<postgres_migration>& steps) {
    if (auto ordered = check_order(steps); !ordered) {
        return ordered.error();
    }
    std::vector<postgres_migration> applied;
    try {
        db.execute("SET statement_timeout = 0");
        const advisory_lock lock(db);
        db.execute(create_table);
        const migration_status status = status_of(applied_versions(db), steps);
        if (!status.unknown.empty()) {
            return make_error(errc::config_invalid,
                              "the database schema has version " +
                                  std::to_string(status.unknown.back()) +
                                  ", which this build of ncpeh does not know: it was migrated by "
                                  "a newer ncpeh")
                .with("migration", std::to_string(status.unknown.back()));
        }
        for (const postgres_migration& step : status.pending) {
            try {
                postgres_transaction transaction(db);
                db.execute_script(step.sql);
                db.execute("INSERT INTO ncpeh_schema_migrations (version, name) VALUES ($1, $2)",
                           {step.version, step.name});
                transaction.commit();
            } catch (const postgres_error& e) {
                return unavailable(e).with("migration",
                                           std::to_string(step.version) + " " + step.name);
            }
            applied.push_back(step);
        }
    } catch (const postgres_error& e) {
        return unavailable(e);
    }
    return applied;
}

}  // namespace ncpeh::gateway::storage
