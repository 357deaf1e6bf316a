#include "gateway/storage/postgres_config.hpp"

#include "gateway/storage/postgres_schema.hpp"

namespace ncpeh::gateway::storage {

bool is_postgres_url(std::string_view database_url) noexcept {
    return database_url.starts_with("postgresql://") || database_url.starts_with("postgres://");
}

postgres_pool_settings postgres_pool_settings_of(const config::database_settings& database) {
    postgres_pool_settings out;
    out.connection.url = database.url;
    if (database.password) {
        out.connection.password = database.password->value;
    }
    out.connections = database.pool_size;
    out.queue_limit = database.queue_limit;
    return out;
}

result<std::vector<postgres_migration>> migrate_postgres(
    const config::database_settings& database) {
    postgres_settings settings = postgres_pool_settings_of(database).connection;
    settings.statement_timeout = std::chrono::milliseconds(0);  // a step may be long
    settings.application_name = "ncpeh migrate";
    try {
        postgres_connection db(settings);
        return apply_migrations(db, postgres_schema());
    } catch (const postgres_error& e) {
        return make_error(errc::storage_unavailable, e.what())
            .with("database", settings.url.substr(0, settings.url.find('?')));
    }
}

}  // namespace ncpeh::gateway::storage
