#pragma once

#include <memory>
#include <string>

#include "gateway/ncp_b/dispensation_outbox.hpp"
#include "gateway/storage/postgres_pool.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ncp_b {

/// The outbox named by `[database] url`: `postgres_dispensation_outbox` on `database` for a
/// `postgresql://` URL (the pool `serve` made for the stores, after migrating the schema; it
/// must outlive the outbox), otherwise the embedded `sqlite_dispensation_outbox` in the file
/// `outbox_file_of(url)` (its folder is created; `database` unused, may be null).
/// Errors: `errc::invalid_argument` for a PostgreSQL URL without a pool; `errc::not_available_yet`
/// for a URL that is neither; `sqlite_dispensation_outbox::open`'s.
result<std::unique_ptr<dispensation_outbox>> open_dispensation_outbox(
    const std::string& database_url, storage::postgres_pool* database);

}  // namespace ncpeh::gateway::ncp_b
