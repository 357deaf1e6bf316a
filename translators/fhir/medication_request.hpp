#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "translators/fhir/location.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/fhir/nll_status.hpp"
#include "translators/fhir/patient.hpp"
#include "translators/fhir/practitioner.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// One `dosageInstruction`: the Swedish label text and the optional structured dose.
struct dosage {
    /// Doseringsanvisning, e.g. "1 tablett 1 gång dagligen".
    std::string text;
    /// timing.repeat.frequency / period / periodUnit ("d", "h", "wk").
    std::optional<long long> frequency;
    std::optional<double> period;
    std::string period_unit;
    /// Route (NLL: SNOMED CT coding or text, e.g. "oral användning").
    std::optional<codeable_concept> route;
    std::optional<quantity> dose_quantity;
    std::optional<bool> as_needed;
    boost::json::object unknown;
    friend bool operator==(const dosage&, const dosage&) = default;
};

/// `dispenseRequest` with its NLL extensions.
struct dispense_request {
    /// Arbetsplatskod (NLLWorkplacecode).
    std::string workplace_code;
    /// Packages per uttag (NLLNumberOfPackagesPrescribed).
    std::optional<long long> number_of_packages_prescribed;
    /// Förskrivet antal uttag (NLLNumberOfDispensesAllowed) = numberOfRepeatsAllowed + 1.
    std::optional<long long> number_of_dispenses_allowed;
    /// Dose-dispensed (NLLDosePackaging); true excludes the prescription from cross-border.
    std::optional<bool> dose_packaging;
    /// Prescribed within förmån (NLLPatientPharmaceuticalBenefitsAct).
    std::optional<bool> pharmaceutical_benefits;
    std::vector<extension> other_extensions;
    /// start = utfärdandedatum, end = sista giltighetsdag.
    std::optional<fhir::period> validity_period;
    std::optional<long long> number_of_repeats_allowed;
    std::optional<fhir::quantity> quantity;
    /// Expeditionsintervall (UCUM `d`).
    std::optional<fhir::quantity> dispense_interval;
    boost::json::object unknown;
    friend bool operator==(const dispense_request&, const dispense_request&) = default;
};

/// NLLMedicationRequest (sweden-national-side.md §4.2, §6.2): one Swedish prescription
/// (förskrivning) with contained prescriber, product and prescriber location.
struct medication_request {
    /// Förskrivnings-id (UUID).
    std::string id;
    /// `meta.versionId` counts up on each change.
    fhir::meta meta;
    /// Contained NLLPractitioner (`#prescriber`), NLLMedication (`#med`), NLLPrescriberLocation
    /// (`#loc`), and a contained Patient for a patient without personnummer.
    std::optional<fhir::practitioner> prescriber;
    std::optional<fhir::medication> medication;
    std::optional<fhir::location> prescriber_location;
    std::optional<fhir::patient> contained_patient;
    /// Contained resources of other types, kept as read.
    std::vector<boost::json::object> other_contained;

    /// Behandlingsändamål (NLLPatientTreatmentReason).
    std::string patient_treatment_reason;
    /// NLLPrescriberContactInfo → `#loc`.
    std::optional<reference> prescriber_contact_info;
    /// NLLPrescriptionFormat, e.g. ELECTRONIC; only ELECTRONIC may be dispensed electronically.
    std::optional<coding> prescription_format;
    /// NLLRegistrationBasis (ELECTRONIC, paper, telephone).
    std::optional<coding> registration_basis;
    /// The Swedish status (project extension); absent when only `status` was given.
    std::optional<fhir::nll_status> nll_status;
    /// Dispenses left (project extension, maintained by the national store).
    std::optional<long long> remaining_dispenses;
    /// Date-time of the latest dispense (project extension, maintained by the store).
    std::string last_dispensed;
    /// nllReceivingPharmacy (patients without personnummer).
    std::optional<reference> receiving_pharmacy;
    /// nllPrescriptionChain id.
    std::string prescription_chain;
    std::vector<extension> other_extensions;

    std::string status;
    std::string intent;
    std::optional<reference> medication_reference;
    std::optional<codeable_concept> medication_codeable_concept;
    reference subject;
    /// Issue date-time.
    std::string authored_on;
    reference requester;
    std::vector<codeable_concept> reason_code;
    std::vector<dosage> dosage_instruction;
    std::optional<fhir::dispense_request> dispense_request;
    /// `substitution.allowedBoolean`: false = prescriber opposes substitution.
    std::optional<bool> substitution_allowed;
    boost::json::object unknown;
    friend bool operator==(const medication_request&, const medication_request&) = default;
};

/// Reads a MedicationRequest, resolving the known contained resources by type. Errors:
/// `errc::fhir_malformed`. Validation of content: `validate_medication_request`.
result<medication_request> parse_medication_request(const boost::json::value& json);
boost::json::object to_json(const medication_request& m);

/// The effective Swedish status: the extension if present, else derived from `status`.
std::optional<fhir::nll_status> effective_nll_status(const medication_request& m) noexcept;

/// The logical id of the subject ("Patient/<id>" → "<id>"), or empty.
std::string subject_patient_id(const medication_request& m);

}  // namespace ncpeh::translators::fhir
