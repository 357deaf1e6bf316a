#include "gateway/national_store/national_store_pool.hpp"

#include <boost/asio/execution/context.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/url/parse.hpp>

#include <charconv>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <utility>

namespace ncpeh::gateway::national_store {

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

namespace {

namespace fhir = translators::fhir;

/// `call(client)` on a client borrowed for the call from the awaiting coroutine's io_context,
/// reported to the pool's observer as `operation`.
template <class Call>
auto on_a_client(national_store_pool& pool, std::string_view operation, Call call)
    -> decltype(call(std::declval<national_store_client&>())) {
    auto client = pool.acquire(co_await boost::asio::this_coro::executor);
    const auto started = std::chrono::steady_clock::now();
    auto answer = co_await call(*client);
    if (pool.observer()) {
        const auto failure = answer ? std::optional<error>() : std::optional<error>(answer.error());
        pool.observer()(operation, failure ? &*failure : nullptr,
                        std::chrono::steady_clock::now() - started);
    }
    co_return answer;
}

}  // namespace

boost::asio::awaitable<result<fhir::patient>> national_store_pool::find_patient(
    std::string_view personnummer) {
    return on_a_client(*this, "find_patient", [personnummer](national_store_client& client) {
        return client.find_patient(personnummer);
    });
}

boost::asio::awaitable<result<patient_with_consents>>
national_store_pool::find_patient_with_consents(std::string_view personnummer) {
    return on_a_client(*this, "find_patient_with_consents",
                       [personnummer](national_store_client& client) {
                           return client.find_patient_with_consents(personnummer);
                       });
}

boost::asio::awaitable<result<patient_with_prescriptions>>
national_store_pool::read_patient_and_prescriptions(
    std::string_view personnummer, const std::vector<std::string>& prescription_ids) {
    return on_a_client(*this, "read_patient_and_prescriptions",
                       [personnummer, &prescription_ids](national_store_client& client) {
                           return client.read_patient_and_prescriptions(personnummer,
                                                                        prescription_ids);
                       });
}

boost::asio::awaitable<result<std::vector<fhir::medication_request>>>
national_store_pool::search_prescriptions(std::string_view patient_id,
                                          std::vector<std::string> statuses) {
    return on_a_client(*this, "search_prescriptions",
                       [patient_id, statuses = std::move(statuses)](national_store_client& client) {
                           return client.search_prescriptions(patient_id, statuses);
                       });
}

boost::asio::awaitable<result<fhir::medication_request>> national_store_pool::read_prescription(
    std::string_view id) {
    return on_a_client(*this, "read_prescription", [id](national_store_client& client) {
        return client.read_prescription(id);
    });
}

boost::asio::awaitable<result<dispense_receipt>> national_store_pool::record_dispense(
    const fhir::medication_dispense& dispense) {
    return on_a_client(*this, "record_dispense", [&dispense](national_store_client& client) {
        return client.record_dispense(dispense);
    });
}

boost::asio::awaitable<result<std::vector<fhir::medication_dispense>>>
national_store_pool::search_dispenses(std::string_view prescription_id) {
    return on_a_client(*this, "search_dispenses", [prescription_id](national_store_client& client) {
        return client.search_dispenses(prescription_id);
    });
}

boost::asio::awaitable<result<fhir::medication_dispense>> national_store_pool::reverse_dispense(
    std::string_view id) {
    return on_a_client(*this, "reverse_dispense",
                       [id](national_store_client& client) { return client.reverse_dispense(id); });
}

boost::asio::awaitable<result<practitioner_licence>> national_store_pool::find_practitioner(
    std::string_view legitimationskod) {
    return on_a_client(*this, "find_practitioner",
                       [legitimationskod](national_store_client& client) {
                           return client.find_practitioner(legitimationskod);
                       });
}

boost::asio::awaitable<result<std::vector<fhir::medication>>>
national_store_pool::find_products_by_atc(std::string_view atc) {
    return on_a_client(*this, "find_products_by_atc", [atc](national_store_client& client) {
        return client.find_products_by_atc(atc);
    });
}

}  // namespace ncpeh::gateway::national_store
