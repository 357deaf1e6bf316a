#include "samples/foreign-ncp/load_run.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <stdexcept>

#include "samples/foreign-ncp/ncp_connection.hpp"

namespace ncpeh::samples::foreign_ncp {

namespace net = boost::asio;
using clock = std::chrono::steady_clock;

double load_report::quantile_ms(double q) const {
    if (latencies_ms.empty()) {
        return 0;
    }
    const auto index =
        static_cast<std::size_t>(std::ceil(q * static_cast<double>(latencies_ms.size())) - 1);
    return latencies_ms[std::min(index, latencies_ms.size() - 1)];
}

namespace {

struct shared_run {
    const load_options& options;
    const std::vector<std::string>& envelopes;
    clock::time_point start;
    std::size_t next = 0;  // the io_context runs on one thread: no lock needed
    load_report report;
};

/// User + system CPU time the calling thread has used so far.
std::chrono::duration<double> thread_cpu_time() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return std::chrono::duration<double>(seconds(usage.ru_utime) + seconds(usage.ru_stime));
}

void note_failure(load_report& report, std::string what) {
    if (report.first_failure.empty()) {
        report.first_failure = std::move(what);
    }
}

net::awaitable<void> connect(ncp_connection& connection, const load_options& options,
                             load_report& report) {
    try {
        co_await connection.connect(options.host, options.port);
    } catch (const std::exception& e) {
        note_failure(report, std::string("connect: ") + e.what());
    }
}

net::awaitable<void> drive_connection(ncp_connection& connection, shared_run& run) {
    net::steady_timer pacing(co_await net::this_coro::executor);
    while (run.next < run.envelopes.size()) {
        const std::size_t i = run.next++;
        clock::time_point scheduled = clock::now();
        if (run.options.rate > 0) {
            scheduled = run.start +
                        std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(
                            static_cast<double>(i) / run.options.rate));
            pacing.expires_at(scheduled);
            co_await pacing.async_wait(net::use_awaitable);
        }
        try {
            auto res = co_await connection.post_soap(run.envelopes[i]);
            const clock::time_point done = clock::now();
            run.report.exchanges.push_back(
                {std::chrono::duration<double>(scheduled - run.start),
                 std::chrono::duration<double, std::milli>(done - scheduled).count()});
            if (res.result_int() == 200 &&
                res.body().find(run.options.success_marker) != std::string::npos) {
                ++run.report.succeeded;
            } else {
                ++run.report.failed;
                note_failure(run.report, res.body().substr(0, 2000));
            }
        } catch (const std::exception& e) {
            ++run.report.failed;
            note_failure(run.report, e.what());
            co_return;
        }
    }
}

}  // namespace

load_report run_load(const load_options& options, net::ssl::context& tls,
                     const std::vector<std::string>& envelopes) {
    net::io_context context(1);
    shared_run run{options, envelopes, clock::now(), 0, {}};
    run.report.exchanges.reserve(envelopes.size());

    // Every connection is opened before the clock starts: a peer NCP keeps its connections
    // alive, so the handshakes are set-up cost, reported apart from the exchanges.
    std::vector<std::unique_ptr<ncp_connection>> connections;
    for (std::size_t c = 0; c < options.connections; ++c) {
        connections.push_back(std::make_unique<ncp_connection>(context.get_executor(), tls));
        net::co_spawn(context, connect(*connections.back(), options, run.report), net::detached);
    }
    const clock::time_point connecting = clock::now();
    context.run();
    run.report.connecting = clock::now() - connecting;
    if (!run.report.first_failure.empty()) {
        throw std::runtime_error(run.report.first_failure);
    }

    context.restart();
    for (auto& connection : connections) {
        net::co_spawn(context, drive_connection(*connection, run), net::detached);
    }
    const auto cpu_before = thread_cpu_time();
    run.start = clock::now();
    context.run();
    run.report.elapsed = clock::now() - run.start;
    run.report.cpu = thread_cpu_time() - cpu_before;
    run.report.latencies_ms.reserve(run.report.exchanges.size());
    for (const load_exchange& e : run.report.exchanges) {
        run.report.latencies_ms.push_back(e.latency_ms);
    }
    std::sort(run.report.latencies_ms.begin(), run.report.latencies_ms.end());
    if (run.report.succeeded + run.report.failed == 0) {
        throw std::runtime_error("no request completed: " + run.report.first_failure);
    }
    return std::move(run.report);
}

}  // namespace ncpeh::samples::foreign_ncp
