#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "gateway/national/national_store_client.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::national {

/// The national store endpoint named by a configuration URL (`http://HOST:PORT/BASE`).
/// Errors: `errc::config_invalid` for another scheme, a missing host or a bad port.
result<national_store_endpoint> parse_national_store_url(std::string_view url);

/// National store clients shared by the request coroutines of a multi-threaded gateway. A
/// client is not thread-safe, so each request borrows one for its duration (`acquire`) and
/// gives it back with its kept-alive connections; clients are created on demand and at most
/// `max_idle_clients` are kept. Thread-safe.
class national_store_pool {
  public:
    national_store_pool(boost::asio::any_io_executor executor, national_store_endpoint endpoint,
                        national_store_client_options options, std::size_t max_idle_clients = 64);

    /// Exclusive use of one client until the lease is destroyed.
    class lease {
      public:
        lease(national_store_pool& pool, std::unique_ptr<national_store_client> client) noexcept
            : pool_(&pool), client_(std::move(client)) {}
        ~lease();
        lease(lease&& other) noexcept = default;
        lease& operator=(lease&&) = delete;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;

        national_store_client& operator*() const noexcept { return *client_; }
        national_store_client* operator->() const noexcept { return client_.get(); }

      private:
        national_store_pool* pool_;
        std::unique_ptr<national_store_client> client_;
    };

    lease acquire();

  private:
    void give_back(std::unique_ptr<national_store_client> client);

    boost::asio::any_io_executor executor_;
    national_store_endpoint endpoint_;
    national_store_client_options options_;
    std::size_t max_idle_clients_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<national_store_client>> idle_;
};

}  // namespace ncpeh::gateway::national
