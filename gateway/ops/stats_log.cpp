#include "gateway/ops/stats_log.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "gateway/log/json_log.hpp"
#include "gateway/ops/resident_memory.hpp"

namespace ncpeh::gateway::ops {

boost::asio::awaitable<void> log_stats_every(std::chrono::seconds interval, stats_sources sources) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    const log::logger logger;
    for (;;) {
        timer.expires_after(interval);
        co_await timer.async_wait(boost::asio::use_awaitable);
        const replay_cache_figures replay = sources.replay();
        logger.info(
            "ncpeh.stats",
            {{"connections", static_cast<std::int64_t>(sources.ncp.active_connections())},
             {"handshakes", static_cast<std::int64_t>(sources.ncp.pending_handshakes())},
             {"replay_cache_entries", static_cast<std::int64_t>(replay.entries)},
             {"replay_cache_bytes", static_cast<std::int64_t>(replay.memory_bytes)},
             {"resident_bytes", static_cast<std::int64_t>(resident_memory_bytes().value_or(0))}});
    }
}

}  // namespace ncpeh::gateway::ops
