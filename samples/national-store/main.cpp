#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "gateway/net/http_server.hpp"
#include "samples/national-store/prescription_store.hpp"
#include "samples/national-store/store_routes.hpp"
#include "translators/fhir/fhir_date.hpp"

// The reference national prescription store (architecture.md "Interfaces"):
//   national-store --db FILE [--seed DIR] --listen HOST:PORT [--today YYYY-MM-DD]
// Prints "listening on HOST:PORT" once it accepts connections; SIGTERM/SIGINT stop it after
// in-flight requests (every write is one SQLite transaction, so nothing is left half-written).
int main(int argc, char** argv) {
    namespace net = boost::asio;
    namespace store = ncpeh::samples::national_store;

    CLI::App app{"national-store — reference NLL-style national prescription store",
                 "national-store"};
    std::string db;
    std::string seed;
    std::string listen = "127.0.0.1:8090";
    std::string today_text;
    unsigned write_delay_ms = 0;
    bool log_requests = false;
    std::string answer_fault;
    app.add_option("--db", db, "SQLite database file (created when missing)")->required();
    app.add_option("--seed", seed, "Folder of seed FHIR bundles loaded into an empty database");
    app.add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free port)");
    app.add_option("--today", today_text,
                   "Calendar date the dispensing rules use (tests, demos); default: today (UTC)");
    app.add_option("--write-delay-ms", write_delay_ms,
                   "Fault injection for tests: answer each write (a POST other than a batch of "
                   "reads) this long after it was applied, holding every other request meanwhile "
                   "(a slow store, and a window in which the caller can die after the write)");
    app.add_flag("--log-requests", log_requests,
                 "Write a line per request to standard error: the method and the path, never "
                 "the query (tests count what reached the store)");
    app.add_option("--answer-fault", answer_fault,
                   "Fault injection for tests: answer every request for national data (all but "
                   "/metadata and /health) with an HTTP 500 (http-500) or a 200 whose JSON is "
                   "cut off (malformed-json), without touching the data")
        ->check(CLI::IsMember({"http-500", "malformed-json"}));
    CLI11_PARSE(app, argc, argv);

    try {
        std::optional<std::chrono::year_month_day> today;
        if (!today_text.empty()) {
            auto parsed = ncpeh::translators::fhir::parse_fhir_date(today_text);
            if (!parsed || today_text.size() != 10) {
                std::cerr << "national-store: --today must be YYYY-MM-DD\n";
                return 2;
            }
            today = *parsed;
        }
        const auto colon = listen.rfind(':');
        if (colon == std::string::npos) {
            std::cerr << "national-store: --listen must be HOST:PORT\n";
            return 2;
        }
        const auto host = net::ip::make_address(listen.substr(0, colon));
        const auto port = static_cast<unsigned short>(std::stoul(listen.substr(colon + 1)));

        store::prescription_store prescriptions(db, today);
        if (!seed.empty()) {
            const auto loaded = prescriptions.load_seed(seed);
            std::cerr << "national-store: " << (loaded ? "seeded " : "database already seeded, ")
                      << loaded << " resources from " << seed << "\n";
        }

        net::io_context io(1);
        ncpeh::gateway::net::server_limits limits;
        limits.max_body_bytes = 1024 * 1024;
        limits.read_timeout = std::chrono::seconds(30);
        ncpeh::gateway::net::http_server server(
            io.get_executor(), nullptr, limits,
            [&prescriptions, write_delay_ms, log_requests, &answer_fault](
                const ncpeh::gateway::net::connection_info&, ncpeh::gateway::net::request&& request)
                -> net::awaitable<ncpeh::gateway::net::response> {
                const std::string target(request.target());
                const std::string path = target.substr(0, target.find('?'));
                if (log_requests) {
                    std::cerr << "national-store: request " << request.method_string() << " "
                              << path << std::endl;
                }
                if (!answer_fault.empty() && !path.ends_with("/metadata") &&
                    !path.ends_with("/health")) {
                    co_return store::fault_answer(answer_fault, request.version());
                }
                // A POST to the base is a batch of reads, not a write.
                const bool write = request.method() == boost::beast::http::verb::post &&
                                   target != "/" && target != "/fhir" && target != "/fhir/";
                auto response = store::handle_store_request(prescriptions, std::move(request));
                if (write && write_delay_ms > 0) {
                    std::cerr << "national-store: applied POST " << target << ", answering in "
                              << write_delay_ms << " ms" << std::endl;
                    std::this_thread::sleep_for(std::chrono::milliseconds(write_delay_ms));
                }
                co_return response;
            },
            {}, "national-store");
        const auto bound = server.listen(host.to_string(), port);
        if (!bound) {
            std::cerr << "national-store: " << bound.error().describe() << "\n";
            return 1;
        }
        std::cout << "listening on " << bound->address().to_string() << ":" << bound->port()
                  << std::endl;

        net::signal_set signals(io, SIGTERM, SIGINT);
        signals.async_wait([&](const boost::system::error_code& error, int) {
            if (error) {
                return;
            }
            std::cerr << "national-store: stopping\n";
            net::co_spawn(io, server.shutdown(), [&io](std::exception_ptr) { io.stop(); });
        });
        io.run();
        std::cerr << "national-store: stopped\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "national-store: " << e.what() << "\n";
        return 1;
    }
}
