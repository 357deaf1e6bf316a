#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "translators/fhir/practitioner.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// The prescription details of a dispense without an NLL prescription (paper, telephone or
/// another EEA country's prescription; NLLDispensePaperPrescription, §4.4). Project extension
/// `uris::ext_paper_prescription` with sub-extensions `prescriber` (valueReference to a
/// contained Practitioner), `issued` (valueDate), `prescriptionIdentifier` (valueIdentifier),
/// `country` (valueCode, ISO 3166 alpha-2) and `dosageText` (valueString).
struct paper_prescription_details {
    reference prescriber;
    std::string issued;
    identifier prescription_identifier;
    std::string country;
    std::string dosage_text;
    friend bool operator==(const paper_prescription_details&,
                           const paper_prescription_details&) = default;
};

/// NLLMedicationDispense (one uttag of an NLL prescription) or, with `paper_prescription` set
/// and profile NLLDispensePaperPrescription, a dispense of a paper/foreign prescription.
struct medication_dispense {
    std::string id;
    /// `meta.versionId` is bumped on reversal.
    fhir::meta meta;
    /// Contained practitioners: the foreign/paper prescriber, a pharmacist.
    std::vector<practitioner> contained_practitioners;
    std::vector<boost::json::object> other_contained;

    /// nllActorDispatchId: the dispensing actor's own transaction id (idempotency key).
    std::string actor_dispatch_id;
    /// nllDispatchId: the expedition id (one pharmacy transaction).
    std::string dispatch_id;
    /// nllDispatchRowNo.
    std::optional<double> dispatch_row_no;
    /// nllBenefitChoiceCode, e.g. "no-benefit".
    std::string benefit_choice_code;
    /// nllNumberOfPackagesDispensed.
    std::optional<long long> number_of_packages_dispensed;
    /// nllDeductedQuantity.
    std::optional<double> deducted_quantity;
    /// nllCompletePrescriptionChoice (slutexpediera).
    std::string complete_prescription_choice;
    /// Dispensed through the cross-border route (project extension).
    std::optional<bool> cross_border;
    std::optional<paper_prescription_details> paper_prescription;
    std::vector<extension> other_extensions;

    /// completed | entered-in-error (reversed) | …
    std::string status;
    /// The product handed over: nplpackid / nplid / varunr, or foreign EDQM/ATC codes.
    codeable_concept medication;
    reference subject;
    std::vector<reference> authorizing_prescription;
    /// `Location/<GLN>` of the pharmacy (or a project id for a foreign pharmacy).
    std::optional<reference> location;
    std::optional<fhir::quantity> quantity;
    /// Expeditionstidpunkt (real-world time).
    std::string when_handed_over;
    std::optional<bool> was_substituted;
    /// performer[].actor.
    std::vector<reference> performers;
    std::vector<std::string> notes;
    boost::json::object unknown;
    friend bool operator==(const medication_dispense&, const medication_dispense&) = default;
};

/// Errors: `errc::fhir_malformed`.
result<medication_dispense> parse_medication_dispense(const boost::json::value& json);
boost::json::object to_json(const medication_dispense& d);

/// True for the NLLDispensePaperPrescription variant (profile or paper details present).
bool is_paper_prescription_dispense(const medication_dispense& d) noexcept;

/// The logical id of the first authorizing prescription ("MedicationRequest/<id>" → "<id>"),
/// or empty.
std::string authorizing_prescription_id(const medication_dispense& d);

}  // namespace ncpeh::translators::fhir
