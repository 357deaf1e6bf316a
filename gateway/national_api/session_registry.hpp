#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

/// The open sessions of this ncpeh instance, by bearer token. A token is 256 random bits,
/// base64url; only its SHA-256 is kept, so the registry never holds a usable token. A session is
/// bound to the TLS client certificate that opened it and ends with its HCP assertion.
/// Thread-safe.
class session_registry {
  public:
    explicit session_registry(std::size_t max_sessions = 100000) : max_sessions_(max_sessions) {}

    /// Registers `s` (its `id` is assigned here) and returns the bearer token.
    /// Errors: `errc::storage_unavailable` when `max_sessions` are open (after purging the
    /// expired), `errc::internal` when the random generator fails.
    result<std::string> open(session s, std::chrono::system_clock::time_point now);

    /// The session of `token` when it is open at `now` and was opened with the same client
    /// certificate. Errors: `errc::session_invalid`, the message saying which (unknown or ended,
    /// expired, another certificate) without repeating the token.
    result<std::shared_ptr<const session>> find(std::string_view token,
                                                std::string_view client_certificate_sha256,
                                                std::chrono::system_clock::time_point now) const;

    /// Remembers that the session identified `patient` (its TRC assertions may now be issued).
    void remember_patient(const std::string& session_id, identified_patient patient);
    /// Whether the session identified `patient`.
    bool identified(const std::string& session_id, const identified_patient& patient) const;

    /// Keeps `document` with the session (the newest `documents_per_session`).
    void remember_document(const std::string& session_id, retrieved_document document);
    /// The document retrieved in the session under this country and id, if kept.
    std::optional<retrieved_document> find_document(const std::string& session_id,
                                                    std::string_view country,
                                                    std::string_view document_id) const;

    static constexpr std::size_t documents_per_session = 32;

    /// Drops the sessions that ended before `now`; returns how many.
    std::size_t purge_expired(std::chrono::system_clock::time_point now);
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

/// Reads `Authorization: Bearer <token>`; empty when the header is absent or another scheme.
std::string_view bearer_token(std::string_view authorization_header) noexcept;

}  // namespace ncpeh::gateway::national_api
