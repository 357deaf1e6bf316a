#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "translators/fhir/consent.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"

namespace ncpeh::translators::sweden {

/// Why a Swedish prescription may not be shown to a foreign pharmacy.
enum class cross_border_refusal {
    not_aktiv,              ///< Swedish status is not Aktiv (parkerad, avslutad, …)
    expired,                ///< validityPeriod.end is before today
    no_dispenses_left,      ///< remaining dispenses = 0
    interval_not_passed,    ///< expeditionsintervall since the last dispense not yet passed
    not_electronic,         ///< current prescription format is not ELECTRONIC (paper)
    dose_dispensed,         ///< NLLDosePackaging = true
    narcotic,               ///< the product has a narcotic classification
    special_article,        ///< licence / extempore / other special article
    not_medicinal_product,  ///< a consumable (varunr, no NPL ids)
    no_personnummer,        ///< patient without personnummer (samordningsnr, contained patient)
    protected_identity,     ///< sekretessmarkering / skyddad folkbokföring
    no_consent,             ///< no active cross-border consent covering today
};

/// "not_aktiv", "expired", … (for logs and tests).
std::string_view name_of(cross_border_refusal reason) noexcept;

/// The cross-border dispensability filter of sweden-national-side.md §4.5 — the one place the
/// gateway decides which NLL prescriptions a foreign pharmacy may see (an assumption, §8.2):
/// status Aktiv; validity end ≥ today; dispenses remain; expeditionsintervall respected;
/// format ELECTRONIC; not dose-dispensed; no narcotic classification; not a licence/extempore
/// article; a medicinal product (NPL ids, not varunr); the patient has a personnummer (not a
/// samordningsnummer) and an active cross-border consent; no protected identity.
///
/// Pure: `today` is the Swedish calendar date of the request. Returns every reason that
/// applies (empty = dispensable), in the order above.
std::vector<cross_border_refusal> cross_border_refusals(
    const fhir::patient& patient, const std::vector<fhir::consent>& consents,
    const fhir::medication_request& prescription, std::chrono::year_month_day today);

/// The patient-level part of the filter, for identifying a patient (XCPD) before any
/// prescription is read: no personnummer, protected identity, no active cross-border consent.
std::vector<cross_border_refusal> patient_cross_border_refusals(
    const fhir::patient& patient, const std::vector<fhir::consent>& consents,
    std::chrono::year_month_day today);

/// What a foreign NCP may learn of a patient, the one reading of `patient_cross_border_refusals`
/// for every transaction (sweden-national-side.md §4.5, ehdsi-protocol.md §6.2).
enum class patient_visibility {
    visible,     ///< may be identified, and their dispensable prescriptions shown
    no_consent,  ///< not hidden, but without an active cross-border consent: answered 4701
    hidden,      ///< no personnummer or protected identity: answered exactly as an unknown
                 ///< patient, whatever else applies (a 4701 would tell that the patient exists)
};

/// The visibility that `patient_refusals` (from `patient_cross_border_refusals`) leave.
patient_visibility visibility_of(
    const std::vector<cross_border_refusal>& patient_refusals) noexcept;

/// True when `cross_border_refusals` is empty.
bool is_dispensable_cross_border(const fhir::patient& patient,
                                 const std::vector<fhir::consent>& consents,
                                 const fhir::medication_request& prescription,
                                 std::chrono::year_month_day today);

}  // namespace ncpeh::translators::sweden
