#pragma once

#include <vector>

#include "gateway/storage/postgres_migrations.hpp"

namespace ncpeh::gateway::storage {

/// Every step of ncpeh's PostgreSQL schema, in ascending version order: the single registry
/// (postgres_schema.cpp), where each store adds its steps in its own range of versions.
const std::vector<postgres_migration>& postgres_schema();

}  // namespace ncpeh::gateway::storage
