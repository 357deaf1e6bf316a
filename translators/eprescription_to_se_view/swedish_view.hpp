#pragma once

#include <string>
#include <vector>

#include "translators/eprescription_to_se_view/find_candidate_products.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"

namespace ncpeh::translators::eprescription_to_se_view {

/// Something the Swedish pharmacist must know before dispensing: a Swedish rule the foreign
/// prescription does not meet (narcotic, substitution not allowed, validity) or something
/// unexpected but harmless in the document (several items, a code without Swedish display).
struct view_warning {
    /// Code in `uris::se_view_warning_system`: substitution-not-allowed, narcotic,
    /// prescription-expired, not-yet-valid, older-than-one-year, status-not-active,
    /// several-items, legacy-product-model, no-swedish-display, no-atc-code,
    /// no-swedish-product, unreadable-time.
    std::string code;
    std::string message;  ///< in Swedish, for the pharmacist
    std::string element;  ///< where in the eP (CDA path)
    friend bool operator==(const view_warning&, const view_warning&) = default;
};

/// The Swedish view of one foreign ePrescription document: the foreign patient, one NLL-style
/// MedicationRequest per prescription item (contained Medication `#med`, Practitioner
/// `#prescriber`, Location `#loc`), the Swedish products that could fill each item, and the
/// warnings.
struct swedish_view {
    fhir::patient patient;
    std::vector<fhir::medication_request> prescriptions;
    /// candidates[i] belong to prescriptions[i]; empty when no product register was given.
    std::vector<std::vector<product_candidate>> candidates;
    std::vector<view_warning> warnings;
    friend bool operator==(const swedish_view&, const swedish_view&) = default;
};

/// The view as a FHIR Bundle of type collection: Patient, the MedicationRequests, each candidate
/// Medication (with `uris::ext_candidate_for` naming its MedicationRequest and what matched) and,
/// when there are warnings, one OperationOutcome listing them (severity warning, details coded in
/// `uris::se_view_warning_system`, diagnostics the Swedish text, expression the element).
fhir::bundle to_bundle(const swedish_view& view);

}  // namespace ncpeh::translators::eprescription_to_se_view
