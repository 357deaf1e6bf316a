#pragma once

#include <string>
#include <vector>

#include "translators/cda/eprescription_document.hpp"
#include "translators/cda/participants.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"
#include "translators/terminology/terminology.hpp"
#include "translators/terminology/transcode.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_l3 {

// The model step of Swedish prescription → eHDSI ePrescription (style.md §3/§5.7): everything
// is decided here, without XML; `write_eprescription_l3` / `write_eprescription_l1` serialise.
//
// Source shape (NLL-style FHIR, sweden-national-side.md §6.2):
//   Patient{identifier personnummer, name, gender, birthDate}
//   MedicationRequest{id, authoredOn, contained Practitioner(förskrivarkod, name, profession),
//     Medication(nplpackid, nplid, ATC, form.text, amount, NLLArticleInfo), Location(address,
//     telecom), dosageInstruction[0]{text, timing, route, doseQuantity},
//     dispenseRequest{validityPeriod, NLLNumberOfPackagesPrescribed, NLLNumberOfDispensesAllowed,
//     dispenseInterval}, substitution.allowedBoolean}
// Target shape: cda::eprescription_document (one item per document, ehdsi-cda.md §1).

/// Settings fixed at start-up (configuration).
struct eprescription_settings {
    /// `[node] prescription_id_root`: the OID under which NLL prescription ids are published
    /// (a project assumption until E-hälsomyndigheten registers one, sweden-national-side §8.12).
    /// Prescription ID = {root, MedicationRequest.id}; item ID = {root + ".1", id}.
    std::string prescription_id_root;
    terminology::mapping_policy policy = terminology::mapping_policy::error;
    /// The custodian organisation (E-hälsomyndigheten, the NCP operator).
    cda::organization custodian;
    std::string language_code = "sv-SE";
};

/// Everything one translation needs besides the settings and tables; nothing is looked up.
struct eprescription_input {
    const fhir::medication_request& request;
    const fhir::patient& patient;
    /// The document's creation time, CDA TS with offset ("20250304100000+0100").
    std::string now;
    /// The generated document id (L3 and L1 need different ids).
    cda::instance_identifier document_id;
};

/// The model and the tolerated problems (WARNING_EP_MISSING_EXPECTED_MAPPING under the
/// warning policy).
struct eprescription_model {
    cda::eprescription_document document;
    std::vector<error> warnings;
};

/// Builds the ePrescription model. Errors:
/// * ep_missing_expected_mapping — a Swedish term (dose form, package, route, unit, ATC) has no
///   eHDSI mapping and the policy is `error`; a prescriber profession without ISCO mapping
///   (functionCode is mandatory) under either policy;
/// * eprescription_not_dispensable — the prescription is not active, is dose-dispensed
///   (NLLDosePackaging) or has no product;
/// * ep_generic — the patient has no personnummer/samordningsnummer or no name, the prescriber
///   no name, a date is malformed.
/// Pure, deterministic, thread-safe.
result<eprescription_model> make_eprescription(const eprescription_input& input,
                                               const eprescription_settings& settings,
                                               const terminology::terminology& tables);

}  // namespace ncpeh::translators::eprescription_l3
