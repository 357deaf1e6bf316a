#pragma once

#include <optional>
#include <string_view>

namespace ncpeh::translators::fhir {

/// The Swedish prescription status in NLL (sweden-national-side.md §4.3). Carried in the project
/// extension `uris::ext_nll_prescription_status` and mirrored in `MedicationRequest.status`.
enum class nll_status {
    aktiv,           ///< can be dispensed → FHIR `active`
    parkerad,        ///< parked by EHM on suspicion of an error → `on-hold`
    slutexpedierad,  ///< all dispenses used → `completed`
    avslutad,        ///< no longer valid (expired, or cancelled after a dispense) → `stopped`
    makulerad,       ///< cancelled, never dispensed → `cancelled`
};

/// "aktiv", "parkerad", … (the extension's code).
std::string_view code_of(nll_status status) noexcept;
/// The FHIR MedicationRequest.status for `status` (§6.2 mapping).
std::string_view fhir_status_of(nll_status status) noexcept;
/// Parses the extension code (lower case, as written by `code_of`).
std::optional<nll_status> parse_nll_status(std::string_view code) noexcept;
/// The Swedish status implied by a FHIR status when the extension is absent.
std::optional<nll_status> nll_status_from_fhir(std::string_view fhir_status) noexcept;

}  // namespace ncpeh::translators::fhir
