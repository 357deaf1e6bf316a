#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gateway/ncp_b/care_setting.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_api {

/// A foreign patient identified in this session (XCPD answered them), with their country.
struct identified_patient {
    std::string country;
    std::string patient_id;  ///< CX "ext^^^&root&ISO"
    friend bool operator==(const identified_patient&, const identified_patient&) = default;
};

/// A foreign ePrescription retrieved in this session: what a dispensation of it is translated
/// against, even when its country cannot be reached at that moment.
struct retrieved_document {
    std::string country;
    std::string patient_id;   ///< CX, the identified patient it was checked against
    std::string document_id;  ///< the XDS uniqueId it was retrieved by
    std::string cda;          ///< the L3 document's bytes
};

/// One pharmacist's working session, bound to the TLS client certificate that opened it.
struct session : ncp_b::pharmacist_session {
    std::string client_certificate_sha256;
};

/// The open pharmacist sessions, by bearer token. A token is 256 random bits, base64url; only
/// its SHA-256 is kept, so a registry never holds a usable token. A session is bound to the TLS
/// client certificate that opened it and ends with its HCP assertion. Two implementations:
/// `in_memory_session_registry` (one instance; the embedded default) and
/// `postgres_session_registry` (shared by every instance on the database: a pharmacy's next call
/// may land on another instance). Every operation completes on the awaiting coroutine's executor
/// without blocking its thread. Thread-safe.
/// Errors of every operation besides its own: `errc::storage_unavailable` when the store cannot be
/// used now (the database is away or overloaded).
class session_registry {
  public:
    virtual ~session_registry() = default;

    /// Registers `s` (its `id` is assigned here) and returns the bearer token.
    /// Errors: `errc::storage_unavailable` when the registry's cap of open sessions is reached
    /// (after purging the expired), `errc::internal` when the random generator fails.
    virtual boost::asio::awaitable<result<std::string>> open(
        session s, std::chrono::system_clock::time_point now) = 0;

    /// The session of `token` when it is open at `now` and was opened with the same client
    /// certificate. Errors: `errc::session_invalid`, the message saying which (unknown or ended,
    /// expired, another certificate) without repeating the token.
    virtual boost::asio::awaitable<result<std::shared_ptr<const session>>> find(
        std::string token, std::string client_certificate_sha256,
        std::chrono::system_clock::time_point now) = 0;

    /// Remembers that the session identified `patient` (its TRC assertions may now be issued).
    /// Nothing happens for a session that does not exist (any more).
    virtual boost::asio::awaitable<result<void>> remember_patient(std::string session_id,
                                                                  identified_patient patient) = 0;
    /// Whether the session identified `patient`.
    virtual boost::asio::awaitable<result<bool>> identified(std::string session_id,
                                                            identified_patient patient) = 0;

    /// Keeps `document` with the session (the newest `documents_per_session`; the same country
    /// and document id again replaces the kept one). Nothing happens for a session that does not
    /// exist (any more).
    virtual boost::asio::awaitable<result<void>> remember_document(std::string session_id,
                                                                   retrieved_document document) = 0;
    /// The document retrieved in the session under this country and id, if kept.
    virtual boost::asio::awaitable<result<std::optional<retrieved_document>>> find_document(
        std::string session_id, std::string country, std::string document_id) = 0;

    /// Drops the sessions that ended before `now` (with their patients and documents); returns
    /// how many.
    virtual boost::asio::awaitable<result<std::size_t>> purge_expired(
        std::chrono::system_clock::time_point now) = 0;

    static constexpr std::size_t documents_per_session = 32;
};

/// The sessions of this ncpeh instance in its memory (the embedded default): lost at a restart,
/// invisible to other instances. Every operation completes at once.
class in_memory_session_registry final : public session_registry {
  public:
    explicit in_memory_session_registry(std::size_t max_sessions = 100000)
        : max_sessions_(max_sessions) {}

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

    /// Sessions held now (expired ones until they are purged).
    std::size_t size() const;

  private:
    struct entry {
        std::shared_ptr<const session> opened;
        std::vector<identified_patient> patients;
        std::vector<retrieved_document> documents;  ///< oldest first
    };
    std::size_t purge_expired_locked(std::chrono::system_clock::time_point now);

    std::size_t max_sessions_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::string> token_hash_to_id_;
    std::map<std::string, entry, std::less<>> by_id_;
};

/// A new bearer token (256 random bits, base64url without padding) and a new session id
/// ("s-" and 96 random bits), for every implementation; nullopt when the random generator fails.
std::optional<std::pair<std::string, std::string>> make_session_token_and_id();

/// The SHA-256 of a bearer token, the only form in which a registry keeps it (32 raw bytes).
std::string session_token_sha256(std::string_view token);

/// `find`'s `session_invalid` error for a request without a token.
error missing_session_token();

/// `find`'s answer once the registry looked the token up and found `opened` (null: nothing):
/// the session when it is open at `now` and bound to `client_certificate_sha256`, else the
/// `session_invalid` error saying why. The same rules and messages whichever registry answers.
result<std::shared_ptr<const session>> usable_session(std::shared_ptr<const session> opened,
                                                      std::string_view client_certificate_sha256,
                                                      std::chrono::system_clock::time_point now);

/// Reads `Authorization: Bearer <token>`; empty when the header is absent or another scheme.
std::string_view bearer_token(std::string_view authorization_header) noexcept;

}  // namespace ncpeh::gateway::national_api
