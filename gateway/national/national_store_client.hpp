#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "translators/fhir/consent.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::national {

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

/// The outcome of recording a dispense.
struct dispense_receipt {
    translators::fhir::medication_dispense dispense;
    /// True when the store had already recorded this actor dispatch id and answered with the
    /// first result (nothing was applied twice).
    bool replayed = false;
};

/// A patient and their cross-border consents (newest first), as one search answers them.
struct patient_with_consents {
    translators::fhir::patient patient;
    std::vector<translators::fhir::consent> consents;
};

/// The most reads the client puts in one FHIR batch (the reference store's limit).
inline constexpr std::size_t max_batch_entries = 64;

/// A patient with their consents and the prescriptions a request named, read in one exchange.
struct patient_with_prescriptions {
    patient_with_consents found;
    /// One per requested id, in the same order: the prescription, or why it could not be read
    /// (as `read_prescription` reports it).
    std::vector<result<translators::fhir::medication_request>> prescriptions;
};

/// Async client for the NLL-style national prescription store (samples/national-store API),
/// built on Asio C++20 coroutines with connection reuse (HTTP/1.1 keep-alive), per-operation
/// timeouts, and retries only for idempotent calls.
///
/// Errors (`ncpeh::error`, context "store_code" = the store's OperationOutcome code,
/// "http_status"):
/// * cannot connect / timeout / broken connection → `errc::national_store_unreachable` (4103)
/// * unknown prescription → `errc::no_matching_eprescription` (4105)
/// * all uttag used (slutexpedierad) → `errc::eprescription_already_dispensed` (4106)
/// * expired / not aktiv / interval not passed → `errc::eprescription_not_dispensable`
/// * unknown or no patient → `errc::patient_not_found`
/// * substitution refused → `errc::ed_substitution_not_allowed`
/// * unknown dispense (reverse) → `errc::ed_discard_failed`
/// * bad input (malformed, invalid identifiers, quantities, rules) → `errc::fhir_invalid`
/// * anything else (5xx, unparsable answers) → `errc::national_data_access_failure` (4104)
///
/// Not thread-safe: use one client from one thread or strand (it owns its connection pool).
class national_store_client {
  public:
    national_store_client(boost::asio::any_io_executor executor, national_store_endpoint endpoint,
                          national_store_client_options options = {});
    ~national_store_client();
    national_store_client(const national_store_client&) = delete;
    national_store_client& operator=(const national_store_client&) = delete;

    /// The patient with this personnummer/samordningsnummer (12 digits). No match →
    /// `patient_not_found`; an invalid number → `fhir_invalid`.
    boost::asio::awaitable<result<translators::fhir::patient>> find_patient(
        std::string_view personnummer);
    /// `find_patient` and the patient's cross-border consents in one exchange
    /// (`_revinclude=Consent:patient`). Errors as `find_patient`, plus 4104 when an included
    /// Consent is not the matched patient's.
    boost::asio::awaitable<result<patient_with_consents>> find_patient_with_consents(
        std::string_view personnummer);
    /// `find_patient_with_consents` and `read_prescription` of each id in one exchange (a
    /// FHIR `batch` of reads; more than `max_batch_entries` - 1 ids take further batches): one
    /// round trip to the store per retrieve, wherever it runs. The patient's errors fail the
    /// call; each prescription carries its own.
    boost::asio::awaitable<result<patient_with_prescriptions>> read_patient_and_prescriptions(
        std::string_view personnummer, const std::vector<std::string>& prescription_ids);
    boost::asio::awaitable<result<translators::fhir::patient>> read_patient(std::string_view id);
    /// The patient's prescriptions, optionally filtered by status (Swedish "aktiv" or FHIR
    /// "active" codes).
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_request>>>
    search_prescriptions(std::string_view patient_id, std::vector<std::string> statuses = {});
    boost::asio::awaitable<result<translators::fhir::medication_request>> read_prescription(
        std::string_view id);
    /// Product data by NPL-pack-id.
    boost::asio::awaitable<result<translators::fhir::medication>> read_medication(
        std::string_view npl_pack_id);
    /// Records a dispense. Idempotent through `actor_dispatch_id`, so it is retried.
    boost::asio::awaitable<result<dispense_receipt>> record_dispense(
        const translators::fhir::medication_dispense& dispense);
    boost::asio::awaitable<result<translators::fhir::medication_dispense>> read_dispense(
        std::string_view id);
    /// The dispenses recorded against a prescription (reversed ones included).
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_dispense>>>
    search_dispenses(std::string_view prescription_id);
    /// Reverses (discards) a dispense; reversing twice is harmless, so it is retried.
    boost::asio::awaitable<result<translators::fhir::medication_dispense>> reverse_dispense(
        std::string_view id);
    /// Records a consent (sent once: not idempotent).
    boost::asio::awaitable<result<translators::fhir::consent>> record_consent(
        const translators::fhir::consent& consent);

    /// The prescriptions of the patient with `personnummer` that a foreign pharmacy may see:
    /// patient + prescriptions + consents fetched, then the §4.5 filter
    /// (`translators/sweden/cross_border_dispensability.hpp`) applied for `today`.
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_request>>>
    cross_border_prescriptions(std::string_view personnummer, std::chrono::year_month_day today);

    /// Connections opened so far (for tests of connection reuse).
    std::size_t connections_opened() const noexcept { return connections_opened_; }

  private:
    struct reply {
        unsigned status = 0;
        boost::json::value body;
    };
    boost::asio::awaitable<result<reply>> exchange(boost::beast::http::verb method,
                                                   std::string target, std::string body,
                                                   bool idempotent);
    boost::asio::awaitable<result<reply>> exchange_once(boost::beast::http::verb method,
                                                        const std::string& target,
                                                        const std::string& body);
    boost::asio::awaitable<result<std::unique_ptr<boost::beast::tcp_stream>>> connect();

    boost::asio::any_io_executor executor_;
    national_store_endpoint endpoint_;
    national_store_client_options options_;
    std::vector<std::unique_ptr<boost::beast::tcp_stream>> idle_;
    std::size_t connections_opened_ = 0;
};

/// Splits the searchset of `find_patient_with_consents` into the one matched Patient and the
/// included Consents, with that method's errors. Pure; exposed for tests.
result<patient_with_consents> patient_with_consents_of(const boost::json::value& searchset);

/// Reads the batch-response of `read_patient_and_prescriptions`: entry 0 the patient search,
/// then `prescription_count` prescription reads, with that method's errors (a response of
/// another shape or length is 4104). Pure; exposed for tests.
result<patient_with_prescriptions> patient_with_prescriptions_of(
    const boost::json::value& batch_response, std::size_t prescription_count);

/// Maps a store failure (HTTP status + OperationOutcome body) to the project error (see the
/// class comment). Pure; exposed for tests.
ncpeh::error map_store_failure(unsigned http_status, const boost::json::value& body);

}  // namespace ncpeh::gateway::national
