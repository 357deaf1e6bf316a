#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_store {

/// Where the national prescription store listens (plain HTTP; TLS comes with the gateway's
/// transport work). `base_path` is prepended to every resource path ("" or "/fhir").
struct national_store_endpoint {
    std::string host = "127.0.0.1";
    unsigned short port = 8090;
    std::string base_path;
};

struct national_store_client_options {
    /// Deadline for connecting, and for each request write + response read.
    std::chrono::milliseconds timeout{5000};
    /// Attempts for idempotent calls (reads, dispense with its actor dispatch id, reverse).
    /// Non-idempotent calls (recording a consent) are sent once.
    int max_attempts = 3;
    /// Pause before the n-th retry: n × backoff.
    std::chrono::milliseconds retry_backoff{50};
    /// Idle keep-alive connections kept for reuse.
    std::size_t max_idle_connections = 8;
};

/// A successful (2xx) answer of the store.
struct store_reply {
    unsigned status = 0;
    boost::json::value body;
};

/// The HTTP/1.1 exchanges with the store: connections kept alive and reused, a deadline for
/// each connect and each request, and retries (with backoff) of idempotent requests whose
/// connection failed. Failures: `store_unreachable` (4103) when no answer came, the store's
/// refusals mapped by `map_store_failure`, `bad_store_answer` (4104) for a body that is not JSON.
/// Not thread-safe: use it from one thread or strand.
class store_exchange {
  public:
    store_exchange(boost::asio::any_io_executor executor, national_store_endpoint endpoint,
                   national_store_client_options options);
    ~store_exchange();
    store_exchange(const store_exchange&) = delete;
    store_exchange& operator=(const store_exchange&) = delete;

    /// Sends `method target` (relative to the base path; "" is the base itself) with `body`
    /// (JSON text, may be empty) and reads the answer. `idempotent` requests are retried.
    boost::asio::awaitable<result<store_reply>> send(boost::beast::http::verb method,
                                                     std::string target, std::string body,
                                                     bool idempotent);

    /// Connections opened so far (for tests of connection reuse).
    std::size_t connections_opened() const noexcept { return connections_opened_; }

  private:
    boost::asio::awaitable<result<store_reply>> send_once(boost::beast::http::verb method,
                                                          const std::string& target,
                                                          const std::string& body);
    boost::asio::awaitable<result<std::unique_ptr<boost::beast::tcp_stream>>> connect();

    boost::asio::any_io_executor executor_;
    national_store_endpoint endpoint_;
    national_store_client_options options_;
    std::vector<std::unique_ptr<boost::beast::tcp_stream>> idle_;
    std::size_t connections_opened_ = 0;
};

}  // namespace ncpeh::gateway::national_store
