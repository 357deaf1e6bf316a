#pragma once

#include <optional>
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
    /// The document breaks a structural limit that keeps parsing linear: attributes on one
    /// element, elements or attributes in all, namespace declarations in scope, or the length of
    /// a name or an attribute value.
    xml_too_complex,
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
    /// The signing or peer certificate's validity period ended before the verification time.
    certificate_expired,
    /// The signing or peer certificate's validity period starts after the verification time.
    certificate_not_yet_valid,
    /// The certificate does not chain to an anchor of the trust store for its purpose (or the
    /// chain is broken: bad signature, not a CA, unreadable).
    certificate_untrusted,
    /// The certificate (or one in its chain) is listed in a configured certificate revocation list.
    certificate_revoked,
    /// The certificate's key usage or extended key usage does not allow the purpose it was used
    /// for.
    certificate_wrong_usage,
    /// The XML signature is not bound to what is consumed: more than one reference, a reference
    /// that does not point at the enclosing assertion, assertions outside the single
    /// wsse:Security header, duplicate or non-NCName IDs — the signature-wrapping defences.
    signature_binding_invalid,
    /// The XML signature uses an algorithm or transform outside the allow-list (SHA-1, HMAC,
    /// XPath/XSLT transforms, unknown canonicalisation).
    signature_algorithm_forbidden,
    /// The XML signature names no X.509 certificate (e.g. a bare KeyValue): its key cannot be
    /// tied to a trust anchor.
    signature_key_untrusted,
    /// The assertion signer's country differs from the country of the TLS peer that sent it.
    signer_country_mismatch,
    /// No TRC assertion was received for a transaction that needs one (XCA, XDR).
    trc_assertion_missing,

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

    // --- SOAP, MTOM and transport (gateway/soap, gateway/server) -----------------------------
    /// The envelope is SOAP 1.1 (or another version); only SOAP 1.2 is spoken.
    soap_version_mismatch,
    /// A header block is marked mustUnderstand and this gateway does not process it.
    soap_must_understand,
    /// The envelope lacks a required part (Body, a single body element, wsa:Action).
    soap_malformed,
    /// The wsa:Action (or the endpoint) names an operation this gateway does not offer.
    soap_unknown_action,
    /// A multipart/related (MTOM/XOP) message cannot be decoded (no boundary, missing part,
    /// unresolvable xop:Include, bad base64).
    mtom_malformed,
    /// The TLS client certificate is trusted but not configured as any partner's.
    partner_unknown,
    /// An IHE request body is well-formed but its content is unusable: a required element,
    /// attribute or slot is missing or empty, a value is malformed (a CX patient id), or its parts
    /// do not fit together (an xds:Document without an ExtrinsicObject of the same id).
    ihe_request_invalid,
    /// The XDR submission's formatCode (or a query's class code) names a document kind this
    /// gateway does not accept (OpenNCP: 4202 "class code / signifier not supported").
    class_code_not_supported,
    /// An XCPD request without any livingSubjectId: identification by demographics only is not
    /// offered (reported in reasonOf as DemographicsQueryNotAllowed).
    demographics_query_not_allowed,
    /// An XCPD request addressed to another community (receiver device id is not our home
    /// community id).
    xcpd_wrong_receiver,

    // --- country B: the national API and the foreign NCP-A (gateway/national_api, ncp_b) ------
    /// The foreign NCP-A could not be reached: connection refused, TLS failure, no such host.
    foreign_ncp_unreachable,
    /// The foreign NCP-A did not answer within the partner's deadline.
    foreign_ncp_timeout,
    /// The foreign NCP-A answered something unusable: not SOAP, malformed XML, too large, a
    /// response that breaks the IHE shape.
    foreign_ncp_answer_invalid,
    /// The foreign NCP-A answered with an error (SOAP fault, RegistryError, XCPD AE); context
    /// "remote_code" holds its wire code.
    foreign_ncp_refused,
    /// No valid session: the bearer token is missing, unknown, expired, or bound to another
    /// TLS client certificate.
    session_invalid,
    /// The pharmacist is not licensed (no, a withdrawn or another profession's licence).
    pharmacist_not_licensed,
    /// The TLS client certificate is trusted but not configured as any pharmacy system's.
    pharmacy_unknown,
    /// The patient identifiers do not fit the country's international search mask.
    search_mask_violation,
    /// No partner country offering ePrescription/eDispensation has this code.
    country_unknown,
    /// A retrieved document is about another patient than the one identified.
    document_patient_mismatch,
    /// A dispense hands out more than the prescription allows (packages).
    dispense_exceeds_prescription,
    /// No foreign dispensation with this id was accepted for this pharmacy.
    dispensation_not_found,
    /// The national API has no such route (or not with this method).
    unknown_route,
    /// A durable store this gateway needs (the dispensation outbox) cannot be used now.
    storage_unavailable,

    // --- everything else ----------------------------------------------------------------------
    /// An unexpected failure inside the gateway (a bug or resource exhaustion).
    internal,
};

/// The code put on the wire for `code`: a legacy numeric code ("4703") or an eHDSI symbolic
/// name ("ERROR_EP_MISSING_EXPECTED_MAPPING"), as OpenNCP peers expect.
std::string_view ehdsi_code(errc code) noexcept;

/// A stable, human-readable identifier of `code` for logs and JSON ("xml_too_deep").
std::string_view name_of(errc code) noexcept;

/// The code whose `name_of` is `name` (errors kept by name, e.g. in the outbox), if any.
std::optional<errc> errc_from_name(std::string_view name) noexcept;

}  // namespace ncpeh
