#pragma once

#include <string_view>

namespace ncpeh {

/// Every failure the project can report, by what went wrong. Each value maps to exactly one
/// eHDSI/OpenNCP wire code (see `ehdsi_code`), which the edges render in their own shape
/// (ebRS RegistryError, XCPD reasonOf, SOAP fault, FHIR OperationOutcome, CLI exit).
/// Source of the wire codes: ehdsi-protocol.md §6.2 (OpenNCPErrorCode).
enum class errc {
    // --- hardened XML parsing (trust/xml) ---------------------------------------------------
    /// The document is larger than the configured byte limit; it was not parsed.
    xml_too_large,
    /// Element nesting exceeds the configured depth limit.
    xml_too_deep,
    /// The document has a DOCTYPE; DTDs are never processed (SOAP 1.2 forbids them).
    xml_doctype_forbidden,
    /// The document declares or references an entity other than the five predefined ones.
    xml_entity_forbidden,
    /// The bytes are not valid UTF-8 (or the declared encoding is not supported).
    xml_invalid_encoding,
    /// The document is not well-formed XML or not namespace-well-formed.
    xml_malformed,
    /// A required element or attribute is absent from an otherwise well-formed document.
    xml_missing_element,

    // --- configuration and command line ------------------------------------------------------
    /// A configuration file is unreadable or has problems; the message lists them.
    config_invalid,
    /// A command or feature exists in the interface but is not built yet.
    not_available_yet,
    /// Input given to a command is unusable (unreadable file, unknown option value).
    invalid_argument,

    // --- assertions and security (trust/saml, trust/xmldsig, trust/x509) ----------------------
    /// An identity/TRC assertion field is missing or invalid and no more specific code applies.
    assertion_not_valid,
    /// The TRC assertion does not belong to the HCP identity assertion.
    trc_identity_mismatch,
    /// No HCP identity assertion was received.
    hcp_assertion_missing,
    /// The HCP identity assertion is present but one of its fields is unacceptable.
    hcp_assertion_invalid,
    /// The caller lacks a permission needed for the transaction, or the purpose of use is wrong.
    insufficient_rights,
    /// A signature or digest does not verify, or the signing certificate is not trusted.
    signature_invalid,
    /// Security failure without a more specific code.
    security_generic,
    /// The patient id of the request differs from the one in the TRC assertion.
    patient_differs_from_trc,
    /// The assertion was seen before (same issuer and id while still valid).
    assertion_replayed,

    // --- patient identification (XCPD) --------------------------------------------------------
    /// No patient matches the identifier and demographics given.
    patient_not_found,
    /// More than one patient matches.
    patient_multiple_matches,
    /// The patient has not given consent for cross-border use.
    no_consent,

    // --- national prescription store ----------------------------------------------------------
    /// The national prescription store could not be reached or did not answer in time.
    national_store_unreachable,
    /// The national store answered with an error that is not one of the cases below.
    national_data_access_failure,
    /// The patient has no ePrescription that may be dispensed abroad.
    no_eprescription_for_patient,
    /// The referenced prescription does not exist (or not for this patient).
    no_matching_eprescription,
    /// The prescription has no dispenses left or is closed.
    eprescription_already_dispensed,
    /// The prescription exists but may not be dispensed (status, validity, interval).
    eprescription_not_dispensable,

    // --- documents and translation ------------------------------------------------------------
    /// The requested document id is unknown to this gateway.
    document_not_found,
    /// A code has no mapping to the eHDSI value set (transcoding error, as an error).
    ep_missing_expected_mapping,
    /// A code has no mapping to the eHDSI value set, tolerated by policy (a warning).
    ep_missing_expected_mapping_warning,
    /// The ePrescription content is unusable for a reason without a more specific code.
    ep_generic,
    /// The eDispensation does not identify the prescription it fulfils.
    ed_eprescription_not_identifiable,
    /// The eDispensation lacks a mandatory value (quantity, product, time).
    ed_missing_basic_data,
    /// The eDispensation carries a code that cannot be mapped.
    ed_missing_expected_mapping,
    /// Substitution was performed although the prescription does not allow it.
    ed_substitution_not_allowed,
    /// The eDispensation is unusable for a reason without a more specific code.
    ed_generic,
    /// The discard could not be applied.
    ed_discard_failed,
    /// A FHIR JSON text is not well-formed, or a resource does not have the expected shape
    /// (wrong JSON type for an element, missing resourceType).
    fhir_malformed,
    /// A FHIR resource is well-formed but breaks a rule (identifier check digit, date order,
    /// quantity range); the message names the element and the rule.
    fhir_invalid,

    // --- everything else ----------------------------------------------------------------------
    /// An unexpected failure inside the gateway (a bug or resource exhaustion).
    internal,
};

/// The code put on the wire for `code`: a legacy numeric code ("4703") or an eHDSI symbolic
/// name ("ERROR_EP_MISSING_EXPECTED_MAPPING"), as OpenNCP peers expect.
std::string_view ehdsi_code(errc code) noexcept;

/// A stable, human-readable identifier of `code` for logs and JSON ("xml_too_deep").
std::string_view name_of(errc code) noexcept;

}  // namespace ncpeh
