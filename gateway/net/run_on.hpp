#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace ncpeh::gateway::net {

/// Runs `work()` on `executor` (a pool for CPU-heavy steps, such as parsing a large request) and
/// resumes the awaiting coroutine on its own executor with the result, so a long computation
/// does not stall the other connections of an I/O thread. `work` runs on another thread: what
/// it reads must not change meanwhile (the awaiting coroutine is suspended until it is done).
template <class Work>
boost::asio::awaitable<std::invoke_result_t<Work&>> run_on(boost::asio::any_io_executor executor,
                                                           Work work) {
    std::optional<std::invoke_result_t<Work&>> out;
    co_await boost::asio::co_spawn(
        std::move(executor),
        [&]() -> boost::asio::awaitable<void> {
            out.emplace(work());
            co_return;
        },
        boost::asio::use_awaitable);
    co_return std::move(*out);
}

/// `run_on(executor, work)` when `off_thread`, otherwise `work()` right here. (One coroutine
/// instead of a `?:` with `co_await` in one branch, whose temporaries GCC 12 destroys too early.)
template <class Work>
boost::asio::awaitable<std::invoke_result_t<Work&>> run_on_if(bool off_thread,
                                                              boost::asio::any_io_executor executor,
                                                              Work work) {
    if (off_thread) {
        co_return co_await run_on(std::move(executor), std::move(work));
    }
    co_return work();
}

}  // namespace ncpeh::gateway::net
