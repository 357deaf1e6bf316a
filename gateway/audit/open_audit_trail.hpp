#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::audit {

/// The file of a `sqlite:` database URL; nullopt for other URLs.
std::optional<std::filesystem::path> sqlite_file_of(const std::string& database_url);

/// The audit trail named by `[database] url`: the embedded SQLite file (the configuration loader
/// made the path absolute; its folder is created). PostgreSQL is accepted by the configuration
/// but not built yet: `errc::not_available_yet`. Other errors: `sqlite_audit_trail::open`'s.
result<std::unique_ptr<sqlite_audit_trail>> open_audit_trail(const std::string& database_url);

}  // namespace ncpeh::gateway::audit
