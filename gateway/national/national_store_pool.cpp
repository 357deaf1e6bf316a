#include "gateway/national/national_store_pool.hpp"

#include <boost/asio/execution/context.hpp>
#include <boost/asio/query.hpp>
#include <boost/url/parse.hpp>

#include <charconv>
#include <stdexcept>

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

national_store_pool::national_store_pool(std::vector<boost::asio::any_io_executor> executors,
                                         national_store_endpoint endpoint,
                                         national_store_client_options options,
                                         std::size_t max_idle_clients)
    : endpoint_(std::move(endpoint)), options_(options), max_idle_clients_(max_idle_clients) {
    // Each client keeps one connection: the pool, not the client, decides how many stay open.
    options_.max_idle_connections = 1;
    for (auto& executor : executors) {
        lanes_.emplace_back(std::move(executor));
    }
    if (lanes_.empty()) {
        throw std::invalid_argument("national_store_pool: no executor");
    }
}

national_store_pool::lease::~lease() {
    if (client_ && pool_ != nullptr) {
        pool_->give_back(lane_, std::move(client_));
    }
}

std::size_t national_store_pool::lane_of(const boost::asio::any_io_executor& where) const noexcept {
    const auto& context = boost::asio::query(where, boost::asio::execution::context);
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
        if (&boost::asio::query(lanes_[i].executor, boost::asio::execution::context) == &context) {
            return i;
        }
    }
    return 0;
}

national_store_pool::lease national_store_pool::acquire(const boost::asio::any_io_executor& where) {
    const std::size_t i = lane_of(where);
    {
        const std::lock_guard lock(mutex_);
        auto& idle = lanes_[i].idle;
        if (!idle.empty()) {
            auto client = std::move(idle.back());
            idle.pop_back();
            return lease(*this, i, std::move(client));
        }
    }
    return lease(*this, i,
                 std::make_unique<national_store_client>(lanes_[i].executor, endpoint_, options_));
}

void national_store_pool::give_back(std::size_t lane_index,
                                    std::unique_ptr<national_store_client> client) {
    const std::lock_guard lock(mutex_);
    auto& idle = lanes_[lane_index].idle;
    if (idle.size() < max_idle_clients_) {
        idle.push_back(std::move(client));
    }
}

}  // namespace ncpeh::gateway::national
