#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/storage/postgres_connection.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::storage {

/// One versioned step of ncpeh's PostgreSQL schema: SQL run once, in one transaction, and
/// recorded in `ncpeh_schema_migrations` (version, name, applied_at).
struct postgres_migration {
    int version = 0;
    std::string name;
    std::string sql;  ///< one or more statements, no parameters
};

/// What the database has compared with a list of steps.
struct migration_status {
    /// Steps of the list the database has not applied, in version order.
    std::vector<postgres_migration> pending;
    /// Versions the database applied that the list does not know (a newer ncpeh migrated it).
    std::vector<int> unknown;
};

/// Reads `ncpeh_schema_migrations` (absent: nothing applied yet) against `steps`. Changes nothing.
/// Errors: `errc::storage_unavailable` (the database cannot be read), `errc::internal` (`steps`
/// is not in strictly ascending version order).
result<migration_status> read_migration_status(postgres_connection& db,
                                               const std::vector<postgres_migration>& steps);

/// Applies the steps of `steps` the database lacks, in version order, each in its own
/// transaction with its row in `ncpeh_schema_migrations`, all under a session advisory lock so
/// that instances starting together migrate once (the others wait, then find nothing to do).
/// Statements run without `statement_timeout` on this connection (a migration may be long).
/// Returns the steps it applied (none when the schema was current).
/// Errors: `errc::storage_unavailable` (the database cannot be used, or a step failed: it is
/// rolled back and named in the context "migration"), `errc::config_invalid` (the database has
/// versions this build does not know: it was migrated by a newer ncpeh), `errc::internal`
/// (`steps` out of order).
result<std::vector<postgres_migration>> apply_migrations(
    postgres_connection& db, const std::vector<postgres_migration>& steps);

/// The advisory lock key of the migrations (`pg_advisory_lock`), for tests and operators.
inline constexpr long long migration_lock_key = 0x6e63706568L;  // "ncpeh"

}  // namespace ncpeh::gateway::storage
