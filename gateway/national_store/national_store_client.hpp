#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/national_store/national_store.hpp"
#include "gateway/national_store/store_exchange.hpp"
#include "translators/fhir/medication.hpp"

namespace ncpeh::gateway::national_store {

/// Async client for the NLL-style national prescription store (samples/national-store API):
/// each call writes its request (`store_requests`, `store_batches`), sends it over
/// `store_exchange` (keep-alive, timeouts, retries of idempotent calls) and reads the answer
/// (`store_answers`). Errors as listed on `store`, with context "store_code" (the store's
/// OperationOutcome code) and "http_status".
///
/// Not thread-safe: use one client from one thread or strand (it owns its connections).
class national_store_client final : public store {
  public:
    national_store_client(boost::asio::any_io_executor executor, national_store_endpoint endpoint,
                          national_store_client_options options = {});

    boost::asio::awaitable<result<translators::fhir::patient>> find_patient(
        std::string_view personnummer) override;
    /// Sent as `Patient?identifier=…&_revinclude=Consent:patient`.
    boost::asio::awaitable<result<patient_with_consents>> find_patient_with_consents(
        std::string_view personnummer) override;
    /// A FHIR `batch` of reads: one round trip to the store per retrieve, wherever it runs
    /// (more than `max_batch_entries` - 1 ids take further batches).
    boost::asio::awaitable<result<patient_with_prescriptions>> read_patient_and_prescriptions(
        std::string_view personnummer, const std::vector<std::string>& prescription_ids) override;
    boost::asio::awaitable<result<translators::fhir::patient>> read_patient(std::string_view id);
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_request>>>
    search_prescriptions(std::string_view patient_id,
                         std::vector<std::string> statuses = {}) override;
    boost::asio::awaitable<result<translators::fhir::medication_request>> read_prescription(
        std::string_view id) override;
    /// Product data by NPL-pack-id.
    boost::asio::awaitable<result<translators::fhir::medication>> read_medication(
        std::string_view npl_pack_id);
    /// Retried: the store applies an actor dispatch id once.
    boost::asio::awaitable<result<dispense_receipt>> record_dispense(
        const translators::fhir::medication_dispense& dispense) override;
    boost::asio::awaitable<result<translators::fhir::medication_dispense>> read_dispense(
        std::string_view id);
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_dispense>>>
    search_dispenses(std::string_view prescription_id) override;
    /// Retried: reversing twice is harmless.
    boost::asio::awaitable<result<translators::fhir::medication_dispense>> reverse_dispense(
        std::string_view id) override;
    /// `GET /Practitioner?identifier=…`, judged on today's UTC date.
    boost::asio::awaitable<result<practitioner_licence>> find_practitioner(
        std::string_view legitimationskod) override;
    /// `GET /Medication?code=<ATC system>|atc`.
    boost::asio::awaitable<result<std::vector<translators::fhir::medication>>> find_products_by_atc(
        std::string_view atc) override;
    /// Records a consent (sent once: not idempotent).
    boost::asio::awaitable<result<translators::fhir::consent>> record_consent(
        const translators::fhir::consent& consent);

    /// Connections opened so far (for tests of connection reuse).
    std::size_t connections_opened() const noexcept { return http_.connections_opened(); }

  private:
    store_exchange http_;
};

}  // namespace ncpeh::gateway::national_store
