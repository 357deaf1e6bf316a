#include "tests/gateway/support/country_a.hpp"

#include <catch2/catch.hpp>

#include <regex>

namespace ncpeh::testing {

namespace {

unsigned short port_in(const std::string& log, const std::string& pattern) {
    std::smatch m;
    REQUIRE(std::regex_search(log, m, std::regex(pattern)));
    return static_cast<unsigned short>(std::stoi(m[1]));
}

std::string replace_line(const std::string& text, const std::string& key,
                         const std::string& value) {
    const std::regex line("^" + key + " = [^\\n]*", std::regex::multiline);
    REQUIRE(std::regex_search(text, line));
    return std::regex_replace(text, line, key + " = " + value,
                              std::regex_constants::format_first_only);
}

}  // namespace

std::string national_store_process::fhir_url() const {
    return "http://127.0.0.1:" + std::to_string(port) + "/fhir";
}

std::size_t national_store_process::data_requests() const {
    const std::string log = process->log();
    const std::string_view marker = "national-store: request ";
    std::size_t count = 0;
    for (auto at = log.find(marker); at != std::string::npos; at = log.find(marker, at + 1)) {
        const auto end = log.find('\n', at);
        const std::string_view line(log.data() + at,
                                    (end == std::string::npos ? log.size() : end) - at);
        if (!line.ends_with("/metadata") && !line.ends_with("/health")) {
            ++count;
        }
    }
    return count;
}

national_store_process start_national_store(const temp_dir& dir,
                                            const std::vector<std::string>& extra_args) {
    std::vector<std::string> argv{NCPEH_NATIONAL_STORE_EXECUTABLE,
                                  "--db",
                                  (dir.path() / "store.db").string(),
                                  "--seed",
                                  (source_dir() / "samples/national-store/seed").string(),
                                  "--listen",
                                  "127.0.0.1:0",
                                  "--today",
                                  "2026-11-23",
                                  "--log-requests"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    national_store_process store;
    store.process = std::make_unique<child_process>(argv, dir.path() / "store.log");
    REQUIRE(wait_for_log(*store.process, "listening on 127.0.0.1:"));
    store.port = port_in(store.process->log(), R"(listening on 127\.0\.0\.1:(\d+))");
    return store;
}

std::string gateway_configuration(const temp_dir& dir, const gateway_options& options) {
    std::string config = read_file(source_dir() / "config/ncpeh.example.toml");
    if (!options.pki.empty()) {
        config = std::regex_replace(config, std::regex(R"(\.\./samples/pki/generated/)"),
                                    options.pki.string() + "/");
    }
    config = std::regex_replace(config, std::regex(R"(\.\./)"), source_dir().string() + "/");
    config =
        std::regex_replace(config, std::regex(R"(^port = \d+)", std::regex::multiline), "port = 0");
    config = std::regex_replace(config, std::regex(R"(url = "http://127\.0\.0\.1:\d+/fhir")"),
                                "url = \"" + options.store_url + "\"");
    config = replace_line(config, "timeout_ms", std::to_string(options.store_timeout_ms));
    const auto database = options.database.empty() ? dir.path() / "ncpeh.db" : options.database;
    config = std::regex_replace(config, std::regex(R"(url = "sqlite:[^"]*")"),
                                "url = \"sqlite:" + database.string() + "\"");
    for (const auto& [key, value] : options.overrides) {
        config = replace_line(config, key, value);
    }
    if (options.finland_port != 0) {
        config =
            std::regex_replace(config, std::regex(R"(https://127\.0\.0\.1:9443/)"),
                               "https://127.0.0.1:" + std::to_string(options.finland_port) + "/");
    }
    if (options.finland_timeout_ms != 0) {
        config = std::regex_replace(
            config, std::regex(R"(timeout_ms = 10000    # country B)"),
            "timeout_ms = " + std::to_string(options.finland_timeout_ms) + "    # country B");
    }
    return config + options.extra_config;
}

gateway_process start_gateway(const temp_dir& dir, const gateway_options& options) {
    const auto file = dir.write("ncpeh.toml", gateway_configuration(dir, options));
    std::vector<std::string> argv{NCPEH_EXECUTABLE, "serve",   "--config",
                                  file.string(),    "--today", "2026-11-23"};
    if (options.threads > 0) {
        argv.insert(argv.end(), {"--threads", std::to_string(options.threads)});
    }
    argv.insert(argv.begin(), options.launcher.begin(), options.launcher.end());
    gateway_process gateway;
    gateway.process = std::make_unique<child_process>(argv, dir.path() / options.log_name);
    REQUIRE(wait_for_log(*gateway.process, "ncpeh.started"));
    gateway.port = port_in(gateway.process->log(), R"re("ncp_listener":"127\.0\.0\.1:(\d+)")re");
    gateway.ops_port =
        port_in(gateway.process->log(), R"re("ops_listener":"127\.0\.0\.1:(\d+)")re");
    gateway.national_port =
        port_in(gateway.process->log(), R"re("national_listener":"127\.0\.0\.1:(\d+)")re");
    return gateway;
}

}  // namespace ncpeh::testing
