#pragma once

#include <string>
#include <vector>

#include "translators/cda/eprescription_document.hpp"
#include "translators/eprescription_to_se_view/swedish_view.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/terminology/terminology.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_to_se_view {

// Foreign eHDSI ePrescription (country A's L3 pivot) → the Swedish pharmacist's view (Sweden as
// country B). The model step; `to_bundle` + fhir::to_json serialise.
//
// Source shape: cda::eprescription_document (cda::read_eprescription, `pharm:` or legacy
//   `epsos:` products): header (document id, language, patient, prescriber author, custodian),
//   Prescription ID (section id), one item (more from older peers in further_items): item id,
//   status, validity IVL_TS, PIVL_TS/EIVL_TS frequency, route, dose, product (code, name, EDQM
//   form, package layers, ATC, ingredients with strength), packages, SUBST, PINSTRUCT, FINSTRUCT,
//   narrative text.
// Target shape: Patient{identifier urn:oid:<root>, name, gender, birthDate, address} and per item
//   MedicationRequest{identifier = item id, groupIdentifier = Prescription ID, ext document id,
//   original language, prescribing country, contained Medication(#med: codes + translations, ATC,
//   form EDQM with Swedish text, packages, ingredients), Practitioner(#prescriber), Location(#loc),
//   dosageInstruction{text = the original-language dosage, patientInstruction, timing, route,
//   dose}, dispenseRequest{validityPeriod, NLLNumberOfPackagesPrescribed},
//   substitution.allowedBoolean + the eHDSI code, note = fulfilment instructions}.
// Rule for every code: `coding` = exactly the codes the document sent (with its translations,
// the national codes, as further codings), `text` = the Swedish display from ehdsi-to-sv.tsv (or
// the document's display when the table has none, with a warning).

/// Everything one view needs besides the code tables; nothing is looked up.
struct view_input {
    const cda::eprescription_document& prescription;
    /// The national product register (NLLMedication resources), for candidate products and the
    /// narcotic check; may be empty (then neither is done).
    const std::vector<fhir::medication>& products;
    /// Today's Swedish calendar date (FHIR date, "2026-11-23") for the validity warnings.
    std::string today;
};

/// Builds the view. Errors (ep_generic [ERROR_EP_GENERIC], context "element" = the CDA path):
/// ClinicalDocument/id, section/id (Prescription ID), substanceAdministration/id (item id),
/// recordTarget/patientRole/id, recordTarget/patientRole/patient/name, author/assignedAuthor,
/// author/assignedAuthor/assignedPerson/name, the product (neither name nor code:
/// consumable/manufacturedProduct/manufacturedMaterial), the prescribed number of packages
/// (entryRelationship/supply/quantity) — each missing or empty. Everything else unexpected is a
/// `view_warning`. Pure, deterministic, thread-safe.
result<swedish_view> make_swedish_view(const view_input& input,
                                       const terminology::terminology& tables);

}  // namespace ncpeh::translators::eprescription_to_se_view
