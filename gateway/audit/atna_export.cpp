#include "gateway/audit/atna_export.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>

#include <algorithm>

#include "gateway/audit/syslog_frame.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/net/tls_context.hpp"

namespace ncpeh::gateway::audit {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// While idle the loop still counts the backlog this often (metrics show the oldest's age).
constexpr auto idle_recount = std::chrono::seconds(5);

}  // namespace

atna_renderer syslog_renderer(atna_source source, syslog_header header) {
    return [source = std::move(source), header = std::move(header)](const audit_event& event) {
        std::vector<std::string> out;
        const int severity =
            event.outcome == outcome::success ? syslog_header::notice : syslog_header::warning;
        for (const atna_event_kind& kind : atna_kinds_of(event)) {
            out.push_back(
                syslog_message(header, severity, event.at, atna_message(event, kind, source)));
        }
        return out;
    };
}

struct atna_exporter::connection {
    connection(const asio::any_io_executor& executor, std::shared_ptr<asio::ssl::context> tls)
        : tls_context(std::move(tls)), stream(executor, *tls_context) {}
    /// The context this connection was opened with, kept while it lives (before the stream).
    std::shared_ptr<asio::ssl::context> tls_context;
    asio::ssl::stream<tcp::socket> stream;
    bool broken = false;
    std::string why_broken;

    // Whether the repository may still read what we write: it has not closed its side (a FIN
    // or a reset arrived). Checked right before each write, since the watch's completion may
    // still be queued behind it. Data waiting (TLS 1.3 session tickets) does not count.
    bool looks_open() {
        pollfd probe{stream.lowest_layer().native_handle(), POLLRDHUP, 0};
        return !broken && ::poll(&probe, 1, 0) >= 0 &&
               (probe.revents & (POLLRDHUP | POLLHUP | POLLERR)) == 0;
    }

    void close(std::string why) {
        if (!broken) {
            broken = true;
            why_broken = std::move(why);
        }
        boost::system::error_code ignored;
        stream.lowest_layer().close(ignored);
    }
};

namespace {

// Closes the connection when `timeout` passes before `disarm`: a stuck repository cannot hold
// the loop.
class watchdog {
  public:
    template <class Connection>
    watchdog(const asio::any_io_executor& executor, std::shared_ptr<Connection> c,
             std::chrono::milliseconds timeout, std::string what)
        : timer_(executor, timeout) {
        timer_.async_wait(
            [c = std::move(c), what = std::move(what)](const boost::system::error_code& ec) {
                if (!ec) {
                    c->close(what + " timed out");
                }
            });
    }
    ~watchdog() { timer_.cancel(); }
    watchdog(const watchdog&) = delete;
    watchdog& operator=(const watchdog&) = delete;

  private:
    asio::steady_timer timer_;
};

// The repository never sends application data: a read completes only when it closes the
// connection (or it breaks), which marks the connection broken before the next write.
template <class Connection>
asio::awaitable<void> watch(std::shared_ptr<Connection> c) {
    char byte = 0;
    for (;;) {
        auto [ec, n] = co_await c->stream.async_read_some(asio::buffer(&byte, 1), use_tuple);
        if (ec) {
            c->close("the audit repository closed the connection: " + ec.message());
            co_return;
        }
    }
}

}  // namespace

atna_exporter::atna_exporter(asio::any_io_executor executor, atna_spool& spool,
                             asio::ssl::context& tls, atna_export_settings settings)
    : atna_exporter(std::move(executor), spool, net::fixed_tls_context(tls), std::move(settings)) {}

atna_exporter::atna_exporter(asio::any_io_executor executor, atna_spool& spool,
                             net::tls_context_source tls, atna_export_settings settings)
    : executor_(std::move(executor)),
      spool_(spool),
      tls_(std::move(tls)),
      settings_(std::move(settings)),
      idle_(executor_),
      stopped_(executor_, asio::steady_timer::time_point::max()) {}

atna_exporter::~atna_exporter() = default;

void atna_exporter::start() {
    running_ = true;
    asio::co_spawn(executor_, deliver_until_stopped(), asio::detached);
}

asio::awaitable<void> atna_exporter::stop() {
    stopping_ = true;
    idle_.cancel();
    if (connection_) {
        connection_->close("the gateway stops");
    }
    if (running_) {
        co_await stopped_.async_wait(use_tuple);
    }
}

void atna_exporter::wake() {
    asio::post(executor_, [this] {
        woken_ = true;
        idle_.cancel();
    });
}

atna_export_state atna_exporter::state() const {
    const std::lock_guard lock(state_mutex_);
    return state_;
}

asio::awaitable<void> atna_exporter::count_backlog() {
    auto counted = co_await spool_.async_backlog();
    if (counted) {
        const std::lock_guard lock(state_mutex_);
        state_.backlog = *counted;
    }
}

void atna_exporter::failed(std::string why) {
    if (!outage_logged_) {
        log::logger().error("atna.undelivered",
                            {{"repository", settings_.host + ":" + std::to_string(settings_.port)},
                             {"reason", why}});
        outage_logged_ = true;
    }
    const std::lock_guard lock(state_mutex_);
    state_.connected = false;
    state_.last_error = std::move(why);
}

asio::awaitable<std::shared_ptr<atna_exporter::connection>> atna_exporter::connect() {
    auto c = std::make_shared<connection>(executor_, tls_());
    std::vector<tcp::endpoint> endpoints;
    {
        const watchdog guard(executor_, c, settings_.io_timeout, "resolving");
        tcp::resolver resolver(executor_);
        auto [ec, found] = co_await resolver.async_resolve(
            settings_.host, std::to_string(settings_.port), use_tuple);
        if (ec || c->broken) {
            failed("cannot resolve the audit repository: " +
                   (c->broken ? c->why_broken : ec.message()));
            co_return nullptr;
        }
        for (const auto& entry : found) {
            endpoints.push_back(entry.endpoint());
        }
    }
    {
        const watchdog guard(executor_, c, settings_.io_timeout, "connecting");
        auto [ec, to] =
            co_await asio::async_connect(c->stream.lowest_layer(), endpoints, use_tuple);
        (void)to;
        if (ec || c->broken) {
            failed("cannot connect to the audit repository: " +
                   (c->broken ? c->why_broken : ec.message()));
            co_return nullptr;
        }
    }
    if (!net::expect_server_name(c->stream.native_handle(), settings_.host)) {
        failed("cannot set up the TLS server name check for the audit repository");
        co_return nullptr;
    }
    {
        const watchdog guard(executor_, c, settings_.io_timeout, "the TLS handshake");
        auto [ec] = co_await c->stream.async_handshake(asio::ssl::stream_base::client, use_tuple);
        if (ec || c->broken) {
            const long verdict = SSL_get_verify_result(c->stream.native_handle());
            failed(std::string("cannot set up TLS with the audit repository: ") +
                   (verdict != X509_V_OK ? X509_verify_cert_error_string(verdict)
                    : c->broken          ? c->why_broken
                                         : ec.message()));
            co_return nullptr;
        }
    }
    asio::co_spawn(executor_, watch(c), asio::detached);
    log::logger().info("atna.connected",
                       {{"repository", settings_.host + ":" + std::to_string(settings_.port)}});
    {
        const std::lock_guard lock(state_mutex_);
        state_.connected = true;
    }
    co_return c;
}

asio::awaitable<bool> atna_exporter::send(connection& c, const std::string& frames) {
    if (!c.looks_open()) {
        c.close("the audit repository closed the connection");
        failed("cannot write to the audit repository: " + c.why_broken);
        co_return false;
    }
    auto [ec, written] = co_await asio::async_write(c.stream, asio::buffer(frames), use_tuple);
    (void)written;
    if (ec || c.broken) {
        const std::string why = c.broken ? c.why_broken : ec.message();
        c.close(why);
        failed("cannot write to the audit repository: " + why);
        co_return false;
    }
    co_return true;
}

asio::awaitable<void> atna_exporter::sleep_through_wakes(
    std::chrono::steady_clock::duration delay) {
    idle_.expires_after(delay);
    co_await idle_.async_wait(use_tuple);
    while (!stopping_ && idle_.expiry() > std::chrono::steady_clock::now()) {
        co_await idle_.async_wait(use_tuple);  // woken: new messages wait in the spool meanwhile
    }
}

asio::awaitable<void> atna_exporter::deliver_until_stopped() {
    auto retry = settings_.first_retry;
    // Waits until woken, stopped or `delay` passed.
    auto pause = [this](std::chrono::steady_clock::duration delay) -> asio::awaitable<void> {
        if (woken_ || stopping_) {
            co_return;
        }
        idle_.expires_after(delay);
        co_await idle_.async_wait(use_tuple);
    };
    co_await count_backlog();  // what earlier runs left
    while (!stopping_) {
        woken_ = false;
        auto batch = co_await spool_.async_undelivered(settings_.batch);
        if (!batch) {
            failed(batch.error().message);
            idle_.expires_after(retry);
            co_await idle_.async_wait(use_tuple);
            retry = std::min(retry * 2, settings_.max_retry);
            continue;
        }
        if (batch->empty()) {
            if (connection_ && connection_->broken) {
                connection_.reset();  // the repository closed it: reopened when needed
                const std::lock_guard lock(state_mutex_);
                state_.connected = false;
            }
            co_await count_backlog();
            co_await pause(idle_recount);
            continue;
        }
        if (connection_ && !connection_->looks_open()) {
            connection_->close("the audit repository closed the connection");
            connection_.reset();
        }
        if (!connection_) {
            connection_ = co_await connect();
        }
        std::string frames;
        for (const spooled_message& m : *batch) {
            frames += octet_counted(m.message);
        }
        if (connection_ && !stopping_) {
            const watchdog guard(executor_, connection_, settings_.io_timeout, "writing");
            if (co_await send(*connection_, frames)) {
                if (auto marked = co_await spool_.async_mark_delivered(batch->back().seq);
                    !marked) {
                    // Sent again after the backoff: at least once, never lost.
                    failed(marked.error().message);
                    co_await count_backlog();
                    idle_.expires_after(retry);
                    co_await idle_.async_wait(use_tuple);
                    retry = std::min(retry * 2, settings_.max_retry);
                    continue;
                }
                {
                    const std::lock_guard lock(state_mutex_);
                    state_.delivered += batch->size();
                    state_.last_error.clear();
                }
                if (outage_logged_) {
                    log::logger().info(
                        "atna.delivering",
                        {{"repository", settings_.host + ":" + std::to_string(settings_.port)}});
                    outage_logged_ = false;
                }
                retry = settings_.first_retry;
                co_await count_backlog();
                if (batch->size() < settings_.batch) {
                    co_await sleep_through_wakes(settings_.gather);
                }
                continue;
            }
        }
        if (connection_ && connection_->broken) {
            connection_.reset();
        }
        co_await count_backlog();
        if (stopping_) {
            break;
        }
        co_await sleep_through_wakes(retry);  // the backoff
        retry = std::min(retry * 2, settings_.max_retry);
    }
    if (connection_) {
        connection_->close("the gateway stops");
        connection_.reset();
    }
    {
        const std::lock_guard lock(state_mutex_);
        state_.connected = false;
    }
    running_ = false;
    stopped_.cancel();
}

}  // namespace ncpeh::gateway::audit
