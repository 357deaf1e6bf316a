#pragma once

#include <string_view>

/// The OIDs of the code systems the translators write into or read from CDA `@codeSystem`, and
/// that the gateway repeats in XDS metadata, each spelled once. (The ISCO roles are
/// trust::saml::isco_code_system: the SAML Role attribute uses them too.)
namespace ncpeh::translators::cda::code_systems {

/// LOINC: document codes (57833-6 ePrescription, 60593-1 eDispensation) and the XDS class code.
inline constexpr std::string_view loinc = "2.16.840.1.113883.6.1";
/// WHO ATC, the codes of eHDSIActiveIngredient.
inline constexpr std::string_view atc = "2.16.840.1.113883.6.73";
/// SNOMED CT (Swedish routes).
inline constexpr std::string_view snomed_ct = "2.16.840.1.113883.6.96";
/// EDQM Standard Terms: dose forms, packages, routes (eHDSIDoseForm, eHDSIPackage).
inline constexpr std::string_view edqm = "0.4.0.127.0.16.1.1.2.1";
/// The epSOS-era OID under which older documents send EDQM terms; read, never written.
inline constexpr std::string_view edqm_legacy = "1.3.6.1.4.1.12559.11.10.1.3.1.44.1";
/// HL7 ActClass (the SUBST observation and act).
inline constexpr std::string_view hl7_act_class = "2.16.840.1.113883.5.6";
/// HL7 Confidentiality (the document's confidentialityCode).
inline constexpr std::string_view hl7_confidentiality = "2.16.840.1.113883.5.25";
/// HL7 SubstanceAdminSubstitution (eHDSISubstitutionCode).
inline constexpr std::string_view hl7_substance_admin_substitution = "2.16.840.1.113883.5.1070";

}  // namespace ncpeh::translators::cda::code_systems
