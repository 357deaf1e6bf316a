#pragma once

#include <CLI/App.hpp>

#include <functional>

namespace ncpeh::gateway::cli {

/// Exit statuses shared by every subcommand.
enum exit_status : int {
    exit_ok = 0,
    exit_failed = 1,    ///< the command ran and the answer is "no" (invalid config, bad assertion)
    exit_unusable = 2,  ///< the input could not be used, or the command is not available yet
};

/// A subcommand: its CLI11 parser and what to run when it was chosen.
struct command {
    CLI::App* parser = nullptr;
    std::function<int()> run;
};

command add_version_command(CLI::App& app);
command add_check_config_command(CLI::App& app);
command add_kpi_command(CLI::App& app);
command add_migrate_command(CLI::App& app);
command add_serve_command(CLI::App& app);
command add_translate_command(CLI::App& app);
command add_verify_assertions_command(CLI::App& app);

}  // namespace ncpeh::gateway::cli
