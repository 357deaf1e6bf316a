#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "gateway/national_api/session_registry.hpp"
#include "gateway/storage/postgres_pool.hpp"

namespace ncpeh::gateway::national_api {

/// The pharmacist sessions on PostgreSQL (`[database] url = "postgresql://…"`), shared by every
/// ncpeh instance on the database, so a pharmacy's next call may land on any of them: the tables
/// `ncpeh_sessions` (by the SHA-256 of the token, never the token), `ncpeh_session_patients` and
/// `ncpeh_session_documents` (schema steps 4xx of `storage::postgres_schema()`). Every operation
/// is one job of the pool, on one of its worker threads. The rules and messages are those of
/// `in_memory_session_registry`; the cap of open sessions counts the sessions of every instance.
/// Errors: the pool's `errc::storage_unavailable` besides those of the interface. Thread-safe.
class postgres_session_registry final : public session_registry {
  public:
    /// The registry on `database`, which must outlive it.
    explicit postgres_session_registry(storage::postgres_pool& database,
                                       std::size_t max_sessions = 100000)
        : database_(database), max_sessions_(max_sessions) {}

    boost::asio::awaitable<result<std::string>> open(
        session s, std::chrono::system_clock::time_point now) override;
    boost::asio::awaitable<result<std::shared_ptr<const session>>> find(
        std::string token, std::string client_certificate_sha256,
        std::chrono::system_clock::time_point now) override;
    boost::asio::awaitable<result<void>> remember_patient(std::string session_id,
                                                          identified_patient patient) override;
    boost::asio::awaitable<result<bool>> identified(std::string session_id,
                                                    identified_patient patient) override;
    boost::asio::awaitable<result<void>> remember_document(std::string session_id,
                                                           retrieved_document document) override;
    boost::asio::awaitable<result<std::optional<retrieved_document>>> find_document(
        std::string session_id, std::string country, std::string document_id) override;
    boost::asio::awaitable<result<std::size_t>> purge_expired(
        std::chrono::system_clock::time_point now) override;

  private:
    storage::postgres_pool& database_;
    std::size_t max_sessions_;
};

/// The sessions of `[database] url`: `postgres_session_registry` on `database` for a
/// `postgresql://` URL, else `in_memory_session_registry`.
/// Errors: `errc::invalid_argument` for a PostgreSQL URL without a pool.
result<std::unique_ptr<session_registry>> open_session_registry(const std::string& database_url,
                                                                storage::postgres_pool* database);

}  // namespace ncpeh::gateway::national_api
