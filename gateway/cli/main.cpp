#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include "gateway/cli/command.hpp"

int main(int argc, char** argv) {
    namespace cli = ncpeh::gateway::cli;
    CLI::App app{"ncpeh — Sweden's National Contact Point for eHealth (MyHealth@EU ePrescription)",
                 "ncpeh"};
    app.require_subcommand(1);
    const std::vector<cli::command> commands = {
        cli::add_serve_command(app),     cli::add_check_config_command(app),
        cli::add_translate_command(app), cli::add_verify_assertions_command(app),
        cli::add_kpi_command(app),       cli::add_migrate_command(app),
        cli::add_version_command(app),
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : cli::exit_unusable;
    }
    for (const cli::command& command : commands) {
        if (command.parser->parsed()) {
            try {
                return command.run();
            } catch (const std::exception& e) {
                std::cerr << "ncpeh: " << e.what() << '\n';
                return cli::exit_unusable;
            }
        }
    }
    return cli::exit_unusable;
}
