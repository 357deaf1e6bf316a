#include <iostream>
#include <memory>
#include <string>

#include "config/load_configuration.hpp"
#include "gateway/cli/command.hpp"
#include "gateway/storage/postgres_config.hpp"
#include "gateway/storage/postgres_connection.hpp"
#include "gateway/storage/postgres_migrations.hpp"
#include "gateway/storage/postgres_schema.hpp"

namespace ncpeh::gateway::cli {

namespace {

struct migrate_options {
    std::string config_file;
    bool check = false;
};

void print_steps(const std::vector<storage::postgres_migration>& steps, std::string_view verb) {
    for (const storage::postgres_migration& step : steps) {
        std::cout << verb << ' ' << step.version << ' ' << step.name << '\n';
    }
}

int run_migrate(const migrate_options& options) {
    const auto loaded =
        config::load_configuration(options.config_file, config::process_environment());
    if (!loaded.is_usable()) {
        for (const config::problem& p : loaded.problems) {
            std::cerr << p.describe() << '\n';
        }
        std::cerr << "ncpeh migrate: the configuration is not usable; see ncpeh check-config\n";
        return exit_unusable;
    }
    const config::database_settings& database = loaded.value.database;
    if (!storage::is_postgres_url(database.url)) {
        std::cout << "the database is SQLite: its stores keep their own schema; nothing to "
                     "migrate\n";
        return exit_ok;
    }
    storage::postgres_settings settings = storage::postgres_pool_settings_of(database).connection;
    settings.statement_timeout = std::chrono::milliseconds(0);
    settings.application_name = "ncpeh migrate";
    std::unique_ptr<storage::postgres_connection> db;
    try {
        db = std::make_unique<storage::postgres_connection>(settings);
    } catch (const storage::postgres_error& e) {
        std::cerr << "ncpeh migrate: " << e.what() << '\n';
        return exit_unusable;
    }
    const auto& steps = storage::postgres_schema();
    if (options.check) {
        const auto status = storage::read_migration_status(*db, steps);
        if (!status) {
            std::cerr << "ncpeh migrate: " << status.error().describe() << '\n';
            return exit_unusable;
        }
        for (int version : status->unknown) {
            std::cout << "unknown " << version
                      << " (applied by a newer ncpeh; this build refuses the database)\n";
        }
        print_steps(status->pending, "pending");
        if (status->pending.empty() && status->unknown.empty()) {
            std::cout << "the schema is current (" << steps.size() << " steps)\n";
            return exit_ok;
        }
        return exit_failed;
    }
    const auto applied = storage::apply_migrations(*db, steps);
    if (!applied) {
        std::cerr << "ncpeh migrate: " << applied.error().describe() << '\n';
        return exit_failed;
    }
    print_steps(*applied, "applied");
    if (applied->empty()) {
        std::cout << "the schema is current (" << steps.size() << " steps)\n";
    }
    return exit_ok;
}

}  // namespace

command add_migrate_command(CLI::App& app) {
    auto options = std::make_shared<migrate_options>();
    CLI::App* sub = app.add_subcommand(
        "migrate",
        "Brings the PostgreSQL schema of [database] url up to this build (ncpeh serve does it "
        "too when it starts; instances starting together migrate once, under an advisory "
        "lock). With --check, only lists the steps that would run: exit 0 when none, 1 "
        "otherwise.");
    sub->add_option("--config", options->config_file, "The TOML configuration file")->required();
    sub->add_flag("--check", options->check, "List the pending steps; change nothing");
    return {sub, [options] { return run_migrate(*options); }};
}

}  // namespace ncpeh::gateway::cli
