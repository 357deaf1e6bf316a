#pragma once

#include <string_view>
#include <vector>

#include "config/configuration.hpp"
#include "gateway/storage/postgres_migrations.hpp"
#include "gateway/storage/postgres_pool.hpp"

namespace ncpeh::gateway::storage {

/// Whether `[database] url` names PostgreSQL (`postgresql://…` or `postgres://…`) rather than
/// the embedded SQLite file.
bool is_postgres_url(std::string_view database_url) noexcept;

/// The connection pool `[database]` describes: its URL, password, `pool_size` and `queue_limit`.
postgres_pool_settings postgres_pool_settings_of(const config::database_settings& database);

/// Brings the schema of `[database]` up to this build (`postgres_schema()`), on a connection of
/// its own that it closes again: what `ncpeh serve` does before it opens its stores. Returns the
/// steps applied. Errors: `errc::storage_unavailable` (the database cannot be reached, the
/// password is wrong, a step failed), `errc::config_invalid` (migrated by a newer ncpeh).
result<std::vector<postgres_migration>> migrate_postgres(const config::database_settings& database);

}  // namespace ncpeh::gateway::storage
