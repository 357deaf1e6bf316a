#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "config/load_configuration.hpp"
#include "gateway/cli/command.hpp"

namespace ncpeh::gateway::cli {

namespace {

struct check_config_options {
    std::string file;
    bool json = false;
};

int run_check_config(const check_config_options& options) {
    const auto loaded = config::load_configuration(options.file, config::process_environment());
    if (options.json) {
        boost::json::array problems;
        for (const config::problem& p : loaded.problems) {
            problems.push_back(boost::json::object{
                {"file", p.file}, {"line", p.line}, {"key", p.key}, {"message", p.message}});
        }
        std::cout << boost::json::serialize(boost::json::object{{"file", options.file},
                                                                {"usable", loaded.is_usable()},
                                                                {"problems", std::move(problems)}})
                  << '\n';
    } else if (loaded.is_usable()) {
        std::cout << options.file << ": configuration is usable (country " << loaded.value.country
                  << ", " << loaded.value.partners.size() << " partner(s), "
                  << loaded.value.pharmacies.size() << " pharmacy system(s), "
                  << loaded.value.patient_eservices.size() << " patient e-service(s))\n";
    } else {
        for (const config::problem& p : loaded.problems) {
            std::cerr << p.describe() << '\n';
        }
        std::cerr << loaded.problems.size() << " problem(s) in " << options.file << '\n';
    }
    return loaded.is_usable() ? exit_ok : exit_failed;
}

}  // namespace

command add_check_config_command(CLI::App& app) {
    auto options = std::make_shared<check_config_options>();
    CLI::App* sub = app.add_subcommand(
        "check-config",
        "Validate a configuration file and list every problem with file:line and key.\n"
        "Exit status: 0 usable, 1 problems found, 2 bad command line.");
    sub->add_option("FILE", options->file, "The TOML configuration file")->required();
    sub->add_flag("--json", options->json, "Print the verdict as JSON on standard output");
    return {sub, [options] { return run_check_config(*options); }};
}

}  // namespace ncpeh::gateway::cli
