#pragma once

#include <string_view>

/// The canonical URLs, identifier systems and extension URLs of the NLL-style FHIR model.
/// Source: sweden-national-side.md §1–§4 and §6. EHM's URLs are used where they exist; anything
/// the project invented lives under `project_base` and never under electronichealth.se.
namespace ncpeh::translators::fhir::uris {

// --- identifier systems -------------------------------------------------------------------
// The systems named `urn:oid:…` (personnummer and samordningsnummer in their older form, HSA-id,
// organisationsnummer) are in translators/sweden/identifier_oids.hpp, beside their OIDs.
inline constexpr std::string_view personnummer =
    "http://electronichealth.se/identifier/personnummer";
inline constexpr std::string_view samordningsnummer =
    "http://electronichealth.se/identifier/samordningsnummer";
inline constexpr std::string_view forskrivarkod =
    "http://electronichealth.se/identifier/forskrivarkod";
inline constexpr std::string_view legitimationskod =
    "http://electronichealth.se/identifier/legitimationskod";
inline constexpr std::string_view nplid = "http://electronichealth.se/fhir/NamingSystem/nplid";
inline constexpr std::string_view nplpackid =
    "http://electronichealth.se/fhir/NamingSystem/nplpackid";
/// 2019 forms of the NPL systems, accepted on input.
inline constexpr std::string_view nplid_2019 = "http://medication.ehm.se/nplid";
inline constexpr std::string_view nplpackid_2019 = "http://medication.ehm.se/nplpackid";
inline constexpr std::string_view varunr = "http://electronichealth.se/fhir/NamingSystem/varunr";
inline constexpr std::string_view atc = "http://www.whocc.no/atc";
inline constexpr std::string_view ucum = "http://unitsofmeasure.org";
inline constexpr std::string_view profession_code =
    "http://electronichealth.se/fhir/ValueSet/profession-code";
inline constexpr std::string_view prescription_format_system =
    "http://electronichealth.se/fhir/ValueSet/prescription-format";
inline constexpr std::string_view registration_basis_system =
    "http://ehalsomyndigheten.se/fhir/ValueSet/registration-basis-codes";
inline constexpr std::string_view narcotic_classification_system =
    "http://npl.mpa.se/CodeSystem/narcotic-classification";
inline constexpr std::string_view product_class_system =
    "http://npl.mpa.se/CodeSystem/productclass";
inline constexpr std::string_view security_labels =
    "http://ehalsomyndigheten.se/fhir/ValueSet/security-labels";

// --- profiles ------------------------------------------------------------------------------
inline constexpr std::string_view profile_base =
    "http://electronichealth.se/fhir/StructureDefinition/";
inline constexpr std::string_view nll_patient =
    "http://electronichealth.se/fhir/StructureDefinition/NLLPatient";
inline constexpr std::string_view nll_medication_request =
    "http://electronichealth.se/fhir/StructureDefinition/NLLMedicationRequest";
inline constexpr std::string_view nll_medication_dispense =
    "http://electronichealth.se/fhir/StructureDefinition/NLLMedicationDispense";
inline constexpr std::string_view nll_dispense_paper_prescription =
    "http://electronichealth.se/fhir/StructureDefinition/NLLDispensePaperPrescription";

// --- EHM extensions (casing as seen in EHM calls, sweden-national-side.md §8.5) -------------
inline constexpr std::string_view ext_patient_treatment_reason =
    "http://electronichealth.se/fhir/StructureDefinition/NLLPatientTreatmentReason";
inline constexpr std::string_view ext_prescriber_contact_info =
    "http://electronichealth.se/fhir/StructureDefinition/NLLPrescriberContactInfo";
inline constexpr std::string_view ext_prescription_format =
    "http://electronichealth.se/fhir/StructureDefinition/NLLPrescriptionFormat";
inline constexpr std::string_view ext_registration_basis =
    "http://electronichealth.se/fhir/StructureDefinition/NLLRegistrationBasis";
inline constexpr std::string_view ext_receiving_pharmacy =
    "http://electronichealth.se/fhir/StructureDefinition/nllReceivingPharmacy";
inline constexpr std::string_view ext_prescription_chain =
    "http://electronichealth.se/fhir/StructureDefinition/nllPrescriptionChain";
inline constexpr std::string_view ext_workplace_code =
    "http://electronichealth.se/fhir/StructureDefinition/NLLWorkplacecode";
inline constexpr std::string_view ext_number_of_packages_prescribed =
    "http://electronichealth.se/fhir/StructureDefinition/NLLNumberOfPackagesPrescribed";
inline constexpr std::string_view ext_number_of_dispenses_allowed =
    "http://electronichealth.se/fhir/StructureDefinition/NLLNumberOfDispensesAllowed";
inline constexpr std::string_view ext_dose_packaging =
    "http://electronichealth.se/fhir/StructureDefinition/NLLDosePackaging";
inline constexpr std::string_view ext_patient_benefits_act =
    "http://electronichealth.se/fhir/StructureDefinition/NLLPatientPharmaceuticalBenefitsAct";
inline constexpr std::string_view ext_actor_dispatch_id =
    "http://electronichealth.se/fhir/StructureDefinition/NLLActorDispatchId";
inline constexpr std::string_view ext_dispatch_id =
    "http://electronichealth.se/fhir/StructureDefinition/NLLDispatchId";
inline constexpr std::string_view ext_dispatch_row_no =
    "http://electronichealth.se/fhir/StructureDefinition/NLLDispatchRowNo";
inline constexpr std::string_view ext_benefit_choice_code =
    "http://electronichealth.se/fhir/StructureDefinition/NLLBenefitChoiceCode";
inline constexpr std::string_view ext_number_of_packages_dispensed =
    "http://electronichealth.se/fhir/StructureDefinition/NLLNumberOfPackagesDispensed";
inline constexpr std::string_view ext_deducted_quantity =
    "http://electronichealth.se/fhir/StructureDefinition/NLLDeductedQuantity";
inline constexpr std::string_view ext_complete_prescription_choice =
    "http://electronichealth.se/fhir/StructureDefinition/NLLCompletePrescriptionChoice";
inline constexpr std::string_view ext_article_info =
    "http://electronichealth.se/fhir/StructureDefinition/NLLArticleInfo";
inline constexpr std::string_view ext_article_regulations =
    "http://electronichealth.se/fhir/StructureDefinition/NLLArticleRegulations";

// --- project extensions and code systems (project-owned namespace) --------------------------
inline constexpr std::string_view project_base = "https://ncpeh.example.se/fhir/";
/// The Swedish prescription status (aktiv, parkerad, slutexpedierad, avslutad, makulerad).
inline constexpr std::string_view ext_nll_prescription_status =
    "https://ncpeh.example.se/fhir/StructureDefinition/nll-prescription-status";
/// The same extension as spelled in sweden-national-side.md §6.3, accepted on input.
inline constexpr std::string_view ext_nll_prescription_status_doc =
    "https://ncp.example.se/fhir/StructureDefinition/nll-prescription-status";
/// Number of dispenses (uttag) still available; maintained by the store.
inline constexpr std::string_view ext_remaining_dispenses =
    "https://ncpeh.example.se/fhir/StructureDefinition/remaining-dispenses";
/// Date-time of the latest non-reversed dispense; maintained by the store.
inline constexpr std::string_view ext_last_dispensed =
    "https://ncpeh.example.se/fhir/StructureDefinition/last-dispensed";
/// The prescription details of a dispense of a paper or foreign prescription (complex).
inline constexpr std::string_view ext_paper_prescription =
    "https://ncpeh.example.se/fhir/StructureDefinition/paper-prescription-details";
/// Marks a dispense made through the cross-border (MyHealth@EU) route.
inline constexpr std::string_view ext_cross_border =
    "https://ncpeh.example.se/fhir/StructureDefinition/cross-border";
/// Consent category for the patient's cross-border ePrescription consent (§8.3: no NLL code).
inline constexpr std::string_view consent_category_system =
    "https://ncpeh.example.se/fhir/CodeSystem/consent-category";
inline constexpr std::string_view consent_category_cross_border = "cross-border-eprescription";
/// Error codes of the reference national store, used in OperationOutcome.issue.details.
inline constexpr std::string_view store_error_system =
    "https://ncpeh.example.se/fhir/CodeSystem/national-store-error";
/// ncpeh's own error names (`name_of(errc)`, e.g. "session_invalid") in the national API's
/// OperationOutcome.issue.details.
inline constexpr std::string_view ncpeh_error_system =
    "https://ncpeh.example.se/fhir/CodeSystem/ncpeh-error";
/// The eHDSI wire code of an error (`ehdsi_code`, e.g. "ERROR_PI_NO_MATCH", "4701").
inline constexpr std::string_view ehdsi_error_system =
    "https://ncpeh.example.se/fhir/CodeSystem/ehdsi-error-code";
/// The code a foreign NCP-A put on the wire, as it sent it.
inline constexpr std::string_view foreign_ncp_error_system =
    "https://ncpeh.example.se/fhir/CodeSystem/foreign-ncp-error-code";

// --- the Swedish view of a foreign ePrescription (issue #5; project-owned) -----------------
/// Profile of the view: an NLL-style MedicationRequest built from a foreign eHDSI eP.
inline constexpr std::string_view foreign_prescription_view =
    "https://ncpeh.example.se/fhir/StructureDefinition/foreign-prescription-view";
/// The eHDSI document id (ClinicalDocument/id) the view was made from (valueIdentifier).
inline constexpr std::string_view ext_ehdsi_document_id =
    "https://ncpeh.example.se/fhir/StructureDefinition/ehdsi-document-id";
/// The language of the original texts (ClinicalDocument/languageCode, valueCode "fi-FI").
inline constexpr std::string_view ext_original_language =
    "https://ncpeh.example.se/fhir/StructureDefinition/original-language";
/// The prescribing country (ISO 3166-1 alpha-2, valueCode).
inline constexpr std::string_view ext_prescribing_country =
    "https://ncpeh.example.se/fhir/StructureDefinition/prescribing-country";
/// The eP substitution code as sent (eHDSISubstitutionCode N/G/TE, valueCodeableConcept).
inline constexpr std::string_view ext_ehdsi_substitution =
    "https://ncpeh.example.se/fhir/StructureDefinition/ehdsi-substitution";
/// One package level of the prescribed product, innermost first (complex: `quantity`
/// valueQuantity, `form` valueCodeableConcept, `code` valueCoding, `name` valueString).
inline constexpr std::string_view ext_ehdsi_package =
    "https://ncpeh.example.se/fhir/StructureDefinition/ehdsi-package";
/// On a candidate Swedish Medication: the MedicationRequest it could fill (valueReference)
/// and what matched (`match` valueCode: atc, dose-form, strength).
inline constexpr std::string_view ext_candidate_for =
    "https://ncpeh.example.se/fhir/StructureDefinition/candidate-for";
/// Warnings of the view (OperationOutcome.issue.details.coding), e.g. narcotic.
inline constexpr std::string_view se_view_warning_system =
    "https://ncpeh.example.se/fhir/CodeSystem/se-view-warning";

}  // namespace ncpeh::translators::fhir::uris
