#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "gateway/audit/postgres_audit_trail.hpp"
#include "gateway/audit/sqlite_audit_trail.hpp"
#include "gateway/storage/postgres_pool.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::audit {

/// The file of a `sqlite:` database URL; nullopt for other URLs.
std::optional<std::filesystem::path> sqlite_file_of(const std::string& database_url);

/// The audit trail (and ATNA spool) named by `[database] url`: the embedded SQLite file (the
/// configuration loader made the path absolute; its folder is created), or, for
/// `postgresql://…`, a `postgres_audit_trail` on `pool` (which must be given, migrated, and
/// outlive the trail) writing `instance` into its rows (empty: `default_instance_name()`).
/// Errors: `sqlite_audit_trail::open`'s; `errc::config_invalid` for another kind of URL, or a
/// PostgreSQL URL without a pool.
result<std::unique_ptr<spooling_audit_trail>> open_audit_trail(
    const std::string& database_url, storage::postgres_pool* pool = nullptr,
    std::string instance = {});

}  // namespace ncpeh::gateway::audit
