#include "samples/foreign-ncp/load_run.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cmath>
#include <exception>

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
    net::ssl::context& tls;
    const std::vector<std::string>& envelopes;
    clock::time_point start;
    std::size_t next = 0;  // the io_context runs on one thread: no lock needed
    load_report report;
};

net::awaitable<void> drive_connection(shared_run& run) {
    ncp_connection connection(co_await net::this_coro::executor, run.tls);
    try {
        co_await connection.connect(run.options.host, run.options.port);
    } catch (const std::exception& e) {
        if (run.report.first_failure.empty()) {
            run.report.first_failure = std::string("connect: ") + e.what();
        }
        co_return;
    }
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
            run.report.latencies_ms.push_back(
                std::chrono::duration<double, std::milli>(clock::now() - scheduled).count());
            if (res.result_int() == 200 &&
                res.body().find(run.options.success_marker) != std::string::npos) {
                ++run.report.succeeded;
            } else {
                ++run.report.failed;
                if (run.report.first_failure.empty()) {
                    run.report.first_failure = res.body().substr(0, 2000);
                }
            }
        } catch (const std::exception& e) {
            ++run.report.failed;
            if (run.report.first_failure.empty()) {
                run.report.first_failure = e.what();
            }
            co_return;
        }
    }
}

}  // namespace

load_report run_load(const load_options& options, net::ssl::context& tls,
                     const std::vector<std::string>& envelopes) {
    net::io_context context(1);
    shared_run run{options, tls, envelopes, clock::now(), 0, {}};
    run.report.latencies_ms.reserve(envelopes.size());
    for (std::size_t c = 0; c < options.connections; ++c) {
        net::co_spawn(context, drive_connection(run), net::detached);
    }
    run.start = clock::now();
    context.run();
    run.report.elapsed = clock::now() - run.start;
    std::sort(run.report.latencies_ms.begin(), run.report.latencies_ms.end());
    if (run.report.succeeded + run.report.failed == 0) {
        throw std::runtime_error("no request completed: " + run.report.first_failure);
    }
    return std::move(run.report);
}

}  // namespace ncpeh::samples::foreign_ncp
