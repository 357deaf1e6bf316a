#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "config/load_configuration.hpp"
#include "gateway/cli/command.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/ncp_a/dispatch.hpp"
#include "gateway/server/https_server.hpp"
#include "gateway/server/tls_context.hpp"
#include "gateway/version.hpp"

namespace ncpeh::gateway::cli {

namespace {

namespace net = boost::asio;

struct serve_options {
    std::string config_file;
    unsigned threads = 0;
};

int run_serve(const serve_options& options) {
    const auto loaded =
        config::load_configuration(options.config_file, config::process_environment());
    if (!loaded.is_usable()) {
        for (const config::problem& p : loaded.problems) {
            std::cerr << p.describe() << '\n';
        }
        std::cerr << "ncpeh serve: the configuration is not usable (" << loaded.problems.size()
                  << " problem(s)); see ncpeh check-config\n";
        return exit_unusable;
    }
    const config::configuration& c = loaded.value;
    log::configure({log::level_from_name(c.logging.level), c.logging.log_personal_data});
    const log::logger logger;

    auto tls = server::make_server_tls_context({c.tls_server, c.trust.partner_tls, c.trust.crls});
    if (!tls) {
        std::cerr << "ncpeh serve: " << tls.error().describe() << '\n';
        return exit_unusable;
    }
    const unsigned threads =
        options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    net::io_context context(static_cast<int>(threads));

    const ncp_a::dispatch_settings dispatch_settings{
        {c.limits.max_request_bytes, c.limits.max_xml_depth}};
    server::server_limits limits;
    limits.max_body_bytes = c.limits.max_request_bytes;
    limits.read_timeout = c.limits.read_timeout;
    limits.max_connections = c.limits.max_connections;
    server::https_server ncp(
        context.get_executor(), **tls, server::partner_directory(c.partners), limits,
        [&dispatch_settings](const server::peer& caller, server::request&& req) {
            return ncp_a::dispatch(dispatch_settings, caller, std::move(req));
        });
    auto bound = ncp.listen(c.ncp_listener.address, c.ncp_listener.port);
    if (!bound) {
        std::cerr << "ncpeh serve: " << bound.error().describe() << '\n';
        return exit_unusable;
    }
    logger.info("ncpeh.started", {{"version", std::string(version)},
                                  {"country", c.country},
                                  {"ncp_listener", bound->address().to_string() + ":" +
                                                       std::to_string(bound->port())},
                                  {"partners", static_cast<std::int64_t>(c.partners.size())},
                                  {"threads", static_cast<std::int64_t>(threads)}});

    net::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
        if (ec) {
            return;
        }
        logger.info("ncpeh.stopping", {{"signal", signal_number}});
        net::co_spawn(context, ncp.shutdown(), [&](std::exception_ptr) { context.stop(); });
    });

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) {
        pool.emplace_back([&context] { context.run(); });
    }
    context.run();
    for (std::thread& t : pool) {
        t.join();
    }
    logger.info("ncpeh.stopped");
    return exit_ok;
}

}  // namespace

command add_serve_command(CLI::App& app) {
    auto options = std::make_shared<serve_options>();
    CLI::App* sub = app.add_subcommand(
        "serve",
        "Run the gateway: the cross-border mutual-TLS SOAP endpoint (SIGTERM stops it "
        "gracefully)");
    sub->add_option("--config", options->config_file, "The TOML configuration file")->required();
    sub->add_option("--threads", options->threads, "I/O threads (default: one per core)");
    return {sub, [options] { return run_serve(*options); }};
}

}  // namespace ncpeh::gateway::cli
