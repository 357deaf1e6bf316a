#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/national_store/national_store_client.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_store {

/// The national store endpoint named by a configuration URL (`http://HOST:PORT/BASE`).
/// Errors: `errc::config_invalid` for another scheme, a missing host or a bad port.
result<national_store_endpoint> parse_national_store_url(std::string_view url);

/// National store clients shared by the request coroutines of a multi-threaded gateway, and the
/// gateway's `store`. A client is not thread-safe, so each call borrows one for its duration
/// (`acquire`) and gives it back with its kept-alive connection; clients are created on demand
/// and at most `max_idle_clients` are kept for each executor. Thread-safe.
///
/// The gateway runs one single-threaded io_context per I/O thread: a client's connections belong to
/// the io_context of the coroutine that calls, so their completions never cross threads.
class national_store_pool final : public store {
  public:
    /// One executor per io_context the requests run on (at least one).
    national_store_pool(std::vector<boost::asio::any_io_executor> executors,
                        national_store_endpoint endpoint, national_store_client_options options,
                        std::size_t max_idle_clients = 64);

    /// Exclusive use of one client until the lease is destroyed.
    class lease {
      public:
        lease(national_store_pool& pool, std::size_t lane_index,
              std::unique_ptr<national_store_client> client) noexcept
            : pool_(&pool), lane_(lane_index), client_(std::move(client)) {}
        ~lease();
        lease(lease&& other) noexcept = default;
        lease& operator=(lease&&) = delete;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;

        national_store_client& operator*() const noexcept { return *client_; }
        national_store_client* operator->() const noexcept { return client_.get(); }

      private:
        national_store_pool* pool_;
        std::size_t lane_;
        std::unique_ptr<national_store_client> client_;
    };

    /// Told about every store call once it has ended: its name ("find_patient", …), the error
    /// (null on success) and how long it took. Set once, before the first call (metrics).
    using call_observer = std::function<void(std::string_view operation, const error* failure,
                                             std::chrono::steady_clock::duration elapsed)>;
    void observe_calls(call_observer observer) { observer_ = std::move(observer); }
    const call_observer& observer() const noexcept { return observer_; }

    /// A client whose connections run on the io_context of `where`, the executor of the
    /// coroutine that uses it (`co_await boost::asio::this_coro::executor`). An executor of
    /// another io_context gets a client on the first one.
    lease acquire(const boost::asio::any_io_executor& where);

    // `store`, each call on a client of the awaiting coroutine's io_context.
    boost::asio::awaitable<result<translators::fhir::patient>> find_patient(
        std::string_view personnummer) override;
    boost::asio::awaitable<result<patient_with_consents>> find_patient_with_consents(
        std::string_view personnummer) override;
    boost::asio::awaitable<result<patient_with_prescriptions>> read_patient_and_prescriptions(
        std::string_view personnummer, const std::vector<std::string>& prescription_ids) override;
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_request>>>
    search_prescriptions(std::string_view patient_id, std::vector<std::string> statuses) override;
    boost::asio::awaitable<result<translators::fhir::medication_request>> read_prescription(
        std::string_view id) override;
    boost::asio::awaitable<result<dispense_receipt>> record_dispense(
        const translators::fhir::medication_dispense& dispense) override;
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_dispense>>>
    search_dispenses(std::string_view prescription_id) override;
    boost::asio::awaitable<result<translators::fhir::medication_dispense>> reverse_dispense(
        std::string_view id) override;
    boost::asio::awaitable<result<practitioner_licence>> find_practitioner(
        std::string_view legitimationskod) override;
    boost::asio::awaitable<result<std::vector<translators::fhir::medication>>> find_products_by_atc(
        std::string_view atc) override;

  private:
    /// The clients of one io_context.
    struct lane {
        explicit lane(boost::asio::any_io_executor e) : executor(std::move(e)) {}
        boost::asio::any_io_executor executor;
        std::vector<std::unique_ptr<national_store_client>> idle;
    };

    std::size_t lane_of(const boost::asio::any_io_executor& where) const noexcept;
    void give_back(std::size_t lane_index, std::unique_ptr<national_store_client> client);

    national_store_endpoint endpoint_;
    national_store_client_options options_;
    std::size_t max_idle_clients_;
    std::mutex mutex_;
    std::vector<lane> lanes_;
    call_observer observer_;
};

}  // namespace ncpeh::gateway::national_store
