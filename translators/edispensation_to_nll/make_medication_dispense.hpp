#pragma once

#include <string>

#include "translators/cda/edispensation_document.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::edispensation_to_nll {

// eHDSI eDispensation (country B's report) → NLL-style MedicationDispense for the Swedish
// prescription it fulfils (sweden-national-side.md §4.4, §6.2 "MedicationDispense").
//
// Source shape: cda::edispensation_document (read by cda::read_edispensation): order id
//   (Prescription ID), REFR item id, supply id/quantity/product, performer time/person/pharmacy,
//   SUBST act, discard flag.
// Target shape: MedicationDispense{status completed | entered-in-error (discard = reversal),
//   nllActorDispatchId = "<supply root>^<supply extension>" (the foreign dispensation id, the
//   idempotency key a later discard names), authorizingPrescription, medicationCodeableConcept
//   with every foreign code kept, quantity, nllNumberOfPackagesDispensed, whenHandedOver,
//   substitution, contained pharmacist (Practitioner) and pharmacy (Location), crossBorder,
//   dispensing country}.

struct dispense_settings {
    /// `[node] prescription_id_root`. When set, an eD whose prescription id has another root
    /// names no Swedish prescription: error no_matching_eprescription (4105). Empty accepts any
    /// root (offline translation of foreign samples).
    std::string prescription_id_root;
};

/// Builds the dispensation (or, for a discard, its reversal: same nllActorDispatchId, status
/// entered-in-error). Errors:
/// * no_matching_eprescription [4105] — the prescription id root is not ours;
/// * ed_missing_basic_data — the handover time cannot be read;
/// * ed_generic — the package count is not a whole number.
/// Pure, deterministic, thread-safe.
result<fhir::medication_dispense> make_medication_dispense(const cda::edispensation_document& ed,
                                                           const dispense_settings& settings);

/// The dispensation key a discard must name: "<root>^<extension>" of the eD supply id.
std::string dispensation_key(const cda::edispensation_document& ed);

}  // namespace ncpeh::translators::edispensation_to_nll
