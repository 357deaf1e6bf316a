#include "gateway/national_store/store_exchange.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>

#include "gateway/national_store/store_errors.hpp"
#include "translators/fhir/resource.hpp"

namespace ncpeh::gateway::national_store {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
}  // namespace

store_exchange::store_exchange(net::any_io_executor executor, national_store_endpoint endpoint,
                               national_store_client_options options)
    : executor_(std::move(executor)), endpoint_(std::move(endpoint)), options_(options) {}

store_exchange::~store_exchange() = default;

net::awaitable<result<std::unique_ptr<boost::beast::tcp_stream>>> store_exchange::connect() {
    tcp::resolver resolver(executor_);
    auto [resolve_error, endpoints] =
        co_await resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port), use_tuple);
    if (resolve_error) {
        co_return store_unreachable("cannot resolve the national store host: " +
                                    resolve_error.message());
    }
    auto stream = std::make_unique<boost::beast::tcp_stream>(executor_);
    stream->expires_after(options_.timeout);
    auto [connect_error, connected] = co_await stream->async_connect(endpoints, use_tuple);
    (void)connected;
    if (connect_error) {
        co_return store_unreachable("cannot connect to the national store: " +
                                    connect_error.message());
    }
    ++connections_opened_;
    boost::system::error_code ignored;
    stream->socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
    co_return std::move(stream);
}

net::awaitable<result<store_reply>> store_exchange::send_once(bhttp::verb method,
                                                              const std::string& target,
                                                              const std::string& body) {
    std::unique_ptr<boost::beast::tcp_stream> stream;
    bool reused = false;
    if (!idle_.empty()) {
        stream = std::move(idle_.back());
        idle_.pop_back();
        reused = true;
    } else {
        auto connected = co_await connect();
        if (!connected) {
            co_return connected.error();
        }
        stream = std::move(*connected);
    }
    std::string path = endpoint_.base_path + target;
    if (path.empty()) {
        path = "/";  // the base endpoint itself (a batch)
    }
    bhttp::request<bhttp::string_body> req{method, std::move(path), 11};
    req.set(bhttp::field::host, endpoint_.host);
    req.set(bhttp::field::accept, "application/fhir+json");
    req.keep_alive(true);
    if (!body.empty()) {
        req.set(bhttp::field::content_type, "application/fhir+json");
        req.body() = body;
    }
    req.prepare_payload();
    stream->expires_after(options_.timeout);
    auto [write_error, written] = co_await bhttp::async_write(*stream, req, use_tuple);
    (void)written;
    boost::beast::flat_buffer buffer;
    // Room for a typical FHIR answer up front: an empty buffer makes Beast read 512 bytes at a
    // time while it grows (a dozen recvmsg calls per answer instead of one or two).
    buffer.reserve(64 * 1024);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    boost::system::error_code read_error;
    if (!write_error) {
        auto [e, n] = co_await bhttp::async_read(*stream, buffer, parser, use_tuple);
        (void)n;
        read_error = e;
    }
    if (write_error || read_error) {
        auto e = store_unreachable(std::string("the national store connection failed: ") +
                                   (write_error ? write_error : read_error).message());
        // A reused keep-alive connection may have been closed by the store meanwhile.
        co_return std::move(e).with("reused_connection", reused ? "true" : "false");
    }
    auto res = parser.release();
    if (res.keep_alive() && idle_.size() < options_.max_idle_connections) {
        idle_.push_back(std::move(stream));
    }
    store_reply out;
    out.status = res.result_int();
    auto parsed = translators::fhir::parse_json_text(res.body());
    if (!parsed) {
        co_return bad_store_answer("the national store answered HTTP " +
                                   std::to_string(out.status) + " with a body that is not JSON");
    }
    out.body = std::move(*parsed);
    co_return out;
}

net::awaitable<result<store_reply>> store_exchange::send(bhttp::verb method, std::string target,
                                                         std::string body, bool idempotent) {
    const int attempts = idempotent ? std::max(1, options_.max_attempts) : 1;
    result<store_reply> last = store_unreachable("the national store was not called");
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        last = co_await send_once(method, target, body);
        if (last || last.error().code != errc::national_store_unreachable) {
            break;
        }
        // Only idempotent calls get here twice: a failed non-idempotent call may still have
        // been applied by the store, so it is reported, never repeated.
        if (attempt < attempts) {
            net::steady_timer pause(executor_, options_.retry_backoff * attempt);
            co_await pause.async_wait(use_tuple);
        }
    }
    if (last && (last->status < 200 || last->status >= 300)) {
        co_return map_store_failure(last->status, last->body);
    }
    co_return last;
}

}  // namespace ncpeh::gateway::national_store
