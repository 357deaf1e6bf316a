#include "gateway/national/national_store_pool.hpp"

#include <boost/url/parse.hpp>

#include <charconv>

namespace ncpeh::gateway::national {

result<national_store_endpoint> parse_national_store_url(std::string_view url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || parsed->scheme() != "http" || parsed->host().empty()) {
        return make_error(errc::config_invalid,
                          "the national store URL must look like http://HOST:PORT/BASE")
            .with("url", std::string(url));
    }
    national_store_endpoint endpoint;
    endpoint.host = parsed->host();
    endpoint.port = 80;
    if (parsed->has_port()) {
        unsigned port = 0;
        const std::string_view text = parsed->port();
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
        if (ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535) {
            return make_error(errc::config_invalid, "the national store URL has a bad port")
                .with("url", std::string(url));
        }
        endpoint.port = static_cast<unsigned short>(port);
    }
    endpoint.base_path = parsed->encoded_path();
    while (!endpoint.base_path.empty() && endpoint.base_path.back() == '/') {
        endpoint.base_path.pop_back();
    }
    return endpoint;
}

national_store_pool::national_store_pool(boost::asio::any_io_executor executor,
                                         national_store_endpoint endpoint,
                                         national_store_client_options options,
                                         std::size_t max_idle_clients)
    : executor_(std::move(executor)),
      endpoint_(std::move(endpoint)),
      options_(options),
      max_idle_clients_(max_idle_clients) {
    // Each client keeps one connection: the pool, not the client, decides how many stay open.
    options_.max_idle_connections = 1;
}

national_store_pool::lease::~lease() {
    if (client_ && pool_ != nullptr) {
        pool_->give_back(std::move(client_));
    }
}

national_store_pool::lease national_store_pool::acquire() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto client = std::move(idle_.back());
            idle_.pop_back();
            return lease(*this, std::move(client));
        }
    }
    return lease(*this, std::make_unique<national_store_client>(executor_, endpoint_, options_));
}

void national_store_pool::give_back(std::unique_ptr<national_store_client> client) {
    const std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_clients_) {
        idle_.push_back(std::move(client));
    }
}

}  // namespace ncpeh::gateway::national
