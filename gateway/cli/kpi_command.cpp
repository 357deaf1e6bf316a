#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "config/load_configuration.hpp"
#include "gateway/audit/kpi.hpp"
#include "gateway/audit/open_audit_trail.hpp"
#include "gateway/cli/command.hpp"
#include "gateway/storage/postgres_config.hpp"
#include "translators/fhir/fhir_date.hpp"

namespace ncpeh::gateway::cli {

namespace {

struct kpi_options {
    std::string config_file;
    std::string from;
    std::string to;
    bool csv = false;
};

std::optional<std::chrono::sys_days> day_of(const std::string& text) {
    const auto parsed = translators::fhir::parse_fhir_date(text);
    if (!parsed || text.size() != 10) {
        return std::nullopt;
    }
    return std::chrono::sys_days(*parsed);
}

int run_kpi(const kpi_options& options) {
    const auto from = day_of(options.from);
    const auto to = day_of(options.to);
    if (!from || !to || *to <= *from) {
        std::cerr << "ncpeh kpi: --from and --to must be dates (YYYY-MM-DD), --to after --from\n";
        return exit_unusable;
    }
    const auto loaded =
        config::load_configuration(options.config_file, config::process_environment());
    if (!loaded.is_usable()) {
        std::cerr << "ncpeh kpi: the configuration is not usable; see ncpeh check-config "
                  << options.config_file << '\n';
        return exit_unusable;
    }
    const auto file = audit::sqlite_file_of(loaded.value.database.url);
    if (file && !std::filesystem::exists(*file)) {
        std::cerr << "ncpeh kpi: no audit database at " << file->string() << '\n';
        return exit_unusable;
    }
    // PostgreSQL: one connection of our own (this program may wait for it).
    std::unique_ptr<storage::postgres_pool> database;
    if (storage::is_postgres_url(loaded.value.database.url)) {
        auto settings = storage::postgres_pool_settings_of(loaded.value.database);
        settings.connections = 1;
        settings.connection.application_name = "ncpeh kpi";
        database = std::make_unique<storage::postgres_pool>(std::move(settings));
    }
    auto trail = audit::open_audit_trail(loaded.value.database.url, database.get());
    if (!trail) {
        std::cerr << "ncpeh kpi: " << trail.error().describe() << '\n';
        return exit_unusable;
    }
    auto counts = (*trail)->count_transactions(*from, *to);
    if (!counts) {
        std::cerr << "ncpeh kpi: " << counts.error().describe() << '\n';
        return exit_failed;
    }
    const auto rows = audit::kpi_rows(*counts);
    std::cout << (options.csv ? audit::kpi_csv(rows) : audit::kpi_table(rows));
    return exit_ok;
}

}  // namespace

command add_kpi_command(CLI::App& app) {
    auto options = std::make_shared<kpi_options>();
    CLI::App* sub = app.add_subcommand(
        "kpi",
        "MyHealth@EU KPIs from the audit trail: successful transactions per month and partner "
        "country, all and by service (eP list/retrieve, eD, eD discard), and the failed ones.\n"
        "Reads the SQLite database of a stopped gateway (a running one holds it alone), or the "
        "PostgreSQL database of running ones.");
    sub->add_option("--config", options->config_file, "The TOML configuration file")->required();
    sub->add_option("--from", options->from, "First day counted (YYYY-MM-DD, UTC)")->required();
    sub->add_option("--to", options->to, "First day not counted (YYYY-MM-DD, UTC)")->required();
    sub->add_flag("--csv", options->csv, "Print CSV (RFC 4180) instead of a table");
    return {sub, [options] { return run_kpi(*options); }};
}

}  // namespace ncpeh::gateway::cli
