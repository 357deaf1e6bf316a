#include "gateway/ncp_b/open_dispensation_outbox.hpp"

#include <filesystem>
#include <system_error>

#include "gateway/ncp_b/postgres_dispensation_outbox.hpp"
#include "gateway/ncp_b/sqlite_dispensation_outbox.hpp"
#include "gateway/storage/postgres_config.hpp"

namespace ncpeh::gateway::ncp_b {

result<std::unique_ptr<dispensation_outbox>> open_dispensation_outbox(
    const std::string& database_url, storage::postgres_pool* database) {
    if (storage::is_postgres_url(database_url)) {
        if (database == nullptr) {
            return make_error(errc::invalid_argument,
                              "a PostgreSQL dispensation outbox needs the connection pool");
        }
        return std::unique_ptr<dispensation_outbox>(
            std::make_unique<postgres_dispensation_outbox>(*database));
    }
    const auto file = outbox_file_of(database_url);
    if (!file) {
        return make_error(errc::not_available_yet,
                          "only sqlite: and postgresql:// databases are supported by this build")
            .with("url", database_url);
    }
    std::error_code ec;
    std::filesystem::create_directories(file->parent_path(), ec);
    auto opened = sqlite_dispensation_outbox::open(*file);
    if (!opened) {
        return opened.error();
    }
    return std::unique_ptr<dispensation_outbox>(std::move(*opened));
}

}  // namespace ncpeh::gateway::ncp_b
