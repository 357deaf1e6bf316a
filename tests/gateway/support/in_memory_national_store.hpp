#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/national_store/national_store.hpp"
#include "samples/national-store/prescription_store.hpp"

namespace ncpeh::testing {

/// The calendar date the seed's validity and interval cases assume (`national-store --today`
/// of the integration tests and the demo).
inline constexpr std::chrono::year_month_day seed_today{
    std::chrono::year{2026}, std::chrono::November, std::chrono::day{23}};

/// The national store in-process, for unit tests of the country-A stages: the reference store
/// (samples/national-store `prescription_store`, the same dispensing rules) over an in-memory
/// SQLite database seeded with the fictional Swedish patients of samples/national-store/seed.
/// Its answers are read and its refusals mapped by the HTTP client's own functions
/// (`store_answers`, `map_store_failure`), so a stage sees what it would see over HTTP.
/// Counts the calls (reading a patient with prescriptions is one, a batch over HTTP) and can
/// play a store that is down. Not thread-safe.
class in_memory_national_store final : public gateway::national_store::store {
  public:
    explicit in_memory_national_store(std::chrono::year_month_day today = seed_today);

    /// Calls made so far.
    std::size_t calls() const noexcept { return calls_; }
    /// From now on every call fails as an unreachable store does (4103), and is still counted.
    void go_down() noexcept { down_ = true; }
    /// The reference store itself, to see what a transaction wrote.
    samples::national_store::prescription_store& data() noexcept { return store_; }

    boost::asio::awaitable<result<translators::fhir::patient>> find_patient(
        std::string_view personnummer) override;
    boost::asio::awaitable<result<gateway::national_store::patient_with_consents>>
    find_patient_with_consents(std::string_view personnummer) override;
    boost::asio::awaitable<result<gateway::national_store::patient_with_prescriptions>>
    read_patient_and_prescriptions(std::string_view personnummer,
                                   const std::vector<std::string>& prescription_ids) override;
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_request>>>
    search_prescriptions(std::string_view patient_id, std::vector<std::string> statuses) override;
    boost::asio::awaitable<result<translators::fhir::medication_request>> read_prescription(
        std::string_view id) override;
    boost::asio::awaitable<result<gateway::national_store::dispense_receipt>> record_dispense(
        const translators::fhir::medication_dispense& dispense) override;
    boost::asio::awaitable<result<std::vector<translators::fhir::medication_dispense>>>
    search_dispenses(std::string_view prescription_id) override;
    boost::asio::awaitable<result<translators::fhir::medication_dispense>> reverse_dispense(
        std::string_view id) override;
    /// Judged on the store's `today` (the seed's date unless given).
    boost::asio::awaitable<result<gateway::national_store::practitioner_licence>> find_practitioner(
        std::string_view legitimationskod) override;
    boost::asio::awaitable<result<std::vector<translators::fhir::medication>>> find_products_by_atc(
        std::string_view atc) override;

  private:
    /// Counts a call and answers it with `read()`, or as an unreachable store when down.
    template <class Read>
    auto answer(Read read) -> boost::asio::awaitable<decltype(read())>;

    result<gateway::national_store::patient_with_consents> patient_with_consents_of(
        std::string_view personnummer);

    samples::national_store::prescription_store store_;
    std::size_t calls_ = 0;
    bool down_ = false;
};

}  // namespace ncpeh::testing
