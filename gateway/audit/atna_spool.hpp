#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gateway/audit/audit_event.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::audit {

/// The syslog messages (RFC 5424, unframed) that carry an audit event's ATNA messages; empty
/// when the event has none. Called on the audit trail's writer thread; must not throw.
using atna_renderer = std::function<std::vector<std::string>(const audit_event&)>;

/// One ATNA message waiting for the audit repository, in the order it was committed.
struct spooled_message {
    std::int64_t seq = 0;  ///< increasing; the order of delivery
    std::chrono::system_clock::time_point at;
    std::string message;  ///< the syslog message, unframed
};

/// How much waits for the audit repository.
struct spool_backlog {
    std::uint64_t messages = 0;
    std::optional<std::chrono::system_clock::time_point> oldest;  ///< none when empty
};

/// The durable spool of ATNA messages: written in the same transaction as the audit events
/// they describe (so an event that was answered has its messages spooled, whatever happens to
/// the process afterwards), read and cleared by the exporter in order. Thread-safe.
/// The exporter runs on an I/O thread and uses the `async_…` methods, which do not block it
/// while a database server answers; their defaults run the synchronous ones.
class atna_spool {
  public:
    virtual ~atna_spool() = default;

    /// The oldest `limit` messages not yet delivered, oldest first.
    /// Errors: `errc::internal` when the spool cannot be read.
    virtual result<std::vector<spooled_message>> undelivered(std::size_t limit) const = 0;

    /// Removes every message up to and including `seq`: the repository has them.
    /// Errors: `errc::internal` when the spool cannot be written (they are then sent again).
    virtual result<void> mark_delivered(std::int64_t seq) = 0;

    /// Counts what waits. Errors: `errc::internal` when the spool cannot be read.
    virtual result<spool_backlog> backlog() const = 0;

    /// `undelivered`, completing on the awaiting coroutine's executor.
    virtual boost::asio::awaitable<result<std::vector<spooled_message>>> async_undelivered(
        std::size_t limit) const {
        co_return undelivered(limit);
    }
    /// `mark_delivered`, completing on the awaiting coroutine's executor.
    virtual boost::asio::awaitable<result<void>> async_mark_delivered(std::int64_t seq) {
        co_return mark_delivered(seq);
    }
    /// `backlog`, completing on the awaiting coroutine's executor.
    virtual boost::asio::awaitable<result<spool_backlog>> async_backlog() const {
        co_return backlog();
    }
};

}  // namespace ncpeh::gateway::audit
