#include "gateway/audit/open_audit_trail.hpp"

#include <string_view>

#include "gateway/storage/postgres_config.hpp"

namespace ncpeh::gateway::audit {

std::optional<std::filesystem::path> sqlite_file_of(const std::string& database_url) {
    constexpr std::string_view sqlite_prefix = "sqlite:";
    if (!database_url.starts_with(sqlite_prefix)) {
        return std::nullopt;
    }
    return std::filesystem::path(database_url.substr(sqlite_prefix.size()));
}

result<std::unique_ptr<spooling_audit_trail>> open_audit_trail(const std::string& database_url,
                                                               storage::postgres_pool* pool,
                                                               std::string instance) {
    if (storage::is_postgres_url(database_url)) {
        if (pool == nullptr) {
            return make_error(errc::config_invalid,
                              "a PostgreSQL audit trail needs the connection pool of [database]")
                .with("url", database_url);
        }
        postgres_audit_settings settings;
        settings.instance = instance.empty() ? default_instance_name() : std::move(instance);
        return std::unique_ptr<spooling_audit_trail>(
            std::make_unique<postgres_audit_trail>(*pool, std::move(settings)));
    }
    const auto file = sqlite_file_of(database_url);
    if (!file) {
        return make_error(errc::config_invalid,
                          "the database URL is neither sqlite: nor postgresql://")
            .with("url", database_url);
    }
    std::error_code ec;
    std::filesystem::create_directories(file->parent_path(), ec);
    auto opened = sqlite_audit_trail::open(*file);
    if (!opened) {
        return opened.error();
    }
    return std::unique_ptr<spooling_audit_trail>(std::move(*opened));
}

}  // namespace ncpeh::gateway::audit
