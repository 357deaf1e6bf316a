#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "gateway/audit/atna_message.hpp"
#include "gateway/audit/atna_spool.hpp"
#include "gateway/audit/syslog_frame.hpp"
#include "gateway/net/tls_context.hpp"

namespace ncpeh::gateway::audit {

/// What the audit trail spools for each event: its ATNA messages (`atna_messages`), each in a
/// syslog message (`syslog_message`: severity notice, warning when the transaction failed; the
/// event's time).
atna_renderer syslog_renderer(atna_source source, syslog_header header);

/// Where and how the spooled ATNA messages go.
struct atna_export_settings {
    std::string
        host;  ///< the audit repository: a name or an address (its certificate must carry it)
    std::uint16_t port = 6514;
    /// After a failure the exporter waits `first_retry`, doubling up to `max_retry`.
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry{60000};
    /// The longest a connect, handshake or write may take before the connection is dropped.
    std::chrono::milliseconds io_timeout{10000};
    /// The most messages sent before the spool is cleared of them.
    std::size_t batch = 128;
    /// After a delivery that did not fill a batch, how long messages gather before the spool
    /// is read again: under load, fewer and larger spool transactions (each costs a commit);
    /// at worst this much later at the repository. The first message after a quiet time goes
    /// at once.
    std::chrono::milliseconds gather{100};
};

/// What the exporter last saw (metrics, readiness).
struct atna_export_state {
    bool connected = false;
    spool_backlog backlog;        ///< as last counted
    std::uint64_t delivered = 0;  ///< messages this process delivered
    std::string last_error;       ///< why the last attempt failed; empty after a success
};

/// Sends the ATNA spool to the audit repository: RFC 5425 (syslog over TLS, octet counting) on
/// one mutual-TLS connection kept open, in spool order, clearing what was written. When the
/// repository cannot be reached it retries with backoff and the spool keeps everything; it
/// never drops a message. A message is delivered at least once: one written just before the
/// connection broke may be sent again (the connection is watched for the repository closing
/// it, so a receiver that stops in between is noticed before the next write).
/// Runs on `executor` (one thread); `wake` may be called from any thread.
class atna_exporter {
  public:
    /// `spool` and `tls` (a client context: our credential, the repository's anchors) must
    /// outlive the exporter.
    atna_exporter(boost::asio::any_io_executor executor, atna_spool& spool,
                  boost::asio::ssl::context& tls, atna_export_settings settings);
    /// The same with a replaceable context: each new connection takes the one `tls` gives then
    /// (certificate rotation); the open connection keeps its own. `tls` must not be empty.
    atna_exporter(boost::asio::any_io_executor executor, atna_spool& spool,
                  net::tls_context_source tls, atna_export_settings settings);
    ~atna_exporter();
    atna_exporter(const atna_exporter&) = delete;
    atna_exporter& operator=(const atna_exporter&) = delete;

    /// Starts delivering (what the spool holds from earlier runs first).
    void start();
    /// Stops: the write under way ends or is cut, the connection is closed; the spool keeps what
    /// was not delivered. Completes once the delivery loop has ended.
    boost::asio::awaitable<void> stop();
    /// New messages were spooled. Thread-safe, cheap, never blocks.
    void wake();

    atna_export_state state() const;

  private:
    struct connection;
    boost::asio::awaitable<void> deliver_until_stopped();
    /// Waits `delay` even when woken; ends early only when the exporter stops.
    boost::asio::awaitable<void> sleep_through_wakes(std::chrono::steady_clock::duration delay);
    boost::asio::awaitable<std::shared_ptr<connection>> connect();
    boost::asio::awaitable<bool> send(connection& c, const std::string& frames);
    void failed(std::string why);
    boost::asio::awaitable<void> count_backlog();

    boost::asio::any_io_executor executor_;
    atna_spool& spool_;
    net::tls_context_source tls_;
    atna_export_settings settings_;
    boost::asio::steady_timer idle_;     // waits for new messages or the next retry
    boost::asio::steady_timer stopped_;  // cancelled when the loop ends
    bool stopping_ = false;
    bool running_ = false;
    bool woken_ = false;
    std::shared_ptr<connection> connection_;

    mutable std::mutex state_mutex_;
    atna_export_state state_;
    bool outage_logged_ = false;
};

}  // namespace ncpeh::gateway::audit
