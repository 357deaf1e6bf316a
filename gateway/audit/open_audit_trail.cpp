#include "gateway/audit/open_audit_trail.hpp"

#include <string_view>

namespace ncpeh::gateway::audit {

std::optional<std::filesystem::path> sqlite_file_of(const std::string& database_url) {
    constexpr std::string_view sqlite_prefix = "sqlite:";
    if (!database_url.starts_with(sqlite_prefix)) {
        return std::nullopt;
    }
    return std::filesystem::path(database_url.substr(sqlite_prefix.size()));
}

result<std::unique_ptr<sqlite_audit_trail>> open_audit_trail(const std::string& database_url) {
    const auto file = sqlite_file_of(database_url);
    if (!file) {
        return make_error(errc::not_available_yet,
                          "only sqlite: databases are supported by this build")
            .with("url", database_url);
    }
    std::error_code ec;
    std::filesystem::create_directories(file->parent_path(), ec);
    return sqlite_audit_trail::open(*file);
}

}  // namespace ncpeh::gateway::audit
