#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/ihe/coded_value.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/registry_error_list.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// The metadata of one document entry in an ITI-38 response (ehdsi-protocol.md §3 table),
/// filled by the service from national data. Every field ends up on the wire; empty optional
/// strings (`description`, `author_person`, `hash`) are left out.
struct document_entry {
    std::string entry_uuid;            ///< ExtrinsicObject id and lid, a `urn:uuid:`
    std::string unique_id;             ///< XDSDocumentEntry.uniqueId: what ITI-39 asks for
    std::string repository_unique_id;  ///< Slot repositoryUniqueId (echoed in ITI-39)
    patient_id patient;                ///< sourcePatientId slot and patientId identifier
    std::string creation_time;         ///< Slot creationTime, yyyyMMddHHmmss UTC
    std::string language_code;         ///< Slot languageCode, e.g. sv-SE
    std::string title;                 ///< Name, e.g. "eHDSI - ePrescription" (OpenNCP needs it)
    std::string description;           ///< Description, e.g. the product
    std::string author_person;         ///< author classification's authorPerson slot
    coded_value class_code;            ///< 57833-6 / 2.16.840.1.113883.6.1
    coded_value type_code;
    coded_value format_code;  ///< urn:epsos:ep:pre:2010 (L3) or urn:ihe:iti:xds-sd:pdf:2008 (L1)
    coded_value confidentiality_code;           ///< N / 2.16.840.1.113883.5.25
    coded_value healthcare_facility_type_code;  ///< SE / 1.0.3166.1 / Sweden
    coded_value practice_setting_code;          ///< Not Used
    std::vector<coded_value> event_codes;  ///< open/closed, ATC, dose form, strength, substitution
    std::optional<std::uint64_t> size;
    std::string hash;  ///< SHA-1 hex, when known

    friend bool operator==(const document_entry&, const document_entry&) = default;
};

/// One prescription: its L3 pivot entry and, when available, the L1 entry (PDF in CDA), which is
/// linked to the pivot by an XFRM association (source L1, target L3) — OpenNCP pairs L1 and L3
/// only through it.
struct document_pair {
    document_entry pivot;
    std::optional<document_entry> original;

    friend bool operator==(const document_pair&, const document_pair&) = default;
};

/// An ITI-38 response: the documents found and the errors or warnings to report.
struct xca_query_response {
    std::string home_community_id;  ///< the responder's HCID, bare OID; `home="urn:oid:…"`
    std::vector<document_pair> documents;
    std::vector<error> errors;
    /// The status the responder answered, as read by parse_xca_query_response; the writer
    /// derives the status from `errors` and ignores this.
    response_status status = response_status::success;
};

/// `query:AdhocQueryResponse` with `status` from `status_of(errors, !documents.empty())`, an
/// `rs:RegistryErrorList` when there are errors (location = our HCID) and a
/// `rim:RegistryObjectList` (always present, possibly empty) holding each pair's L3 and L1
/// ExtrinsicObjects followed by their XFRM Association. Classification, ExternalIdentifier and
/// Association ids are derived from the entry uuids (`derived_uuid_urn`). Returns one element
/// without XML declaration, for soap::write_envelope.
std::string write_xca_query_response(const xca_query_response& response);

/// Parses the `query:AdhocQueryResponse` a foreign NCP-A answered to our ITI-38 query (the SOAP
/// body root), as country B reads it:
/// * `status` and `errors` from `read_registry_answer` (each RegistryError through
///   `error_from_remote`);
/// * every rim:ExtrinsicObject becomes a document_entry with all the metadata it carries
///   (uniqueId by its identification scheme, else by the Name `XDSDocumentEntry.uniqueId` as
///   OpenNCP looks it up; the patient from the patientId identifier, else the sourcePatientId
///   slot; slots, Name, Description, codes, event codes, author, size, hash); absent optional
///   parts stay empty;
/// * pairs: the target of an XFRM association is the pivot, its source the original (a
///   reversed association — an L3 format code at the source, compared with `xds_id::is_format`
///   — is turned round); an entry in no XFRM association is its own pivot; pairs keep the order
///   of their pivots;
/// * `home_community_id` is the first ExtrinsicObject's `home` without `urn:oid:`.
/// The root not being an AdhocQueryResponse, no or an unknown status, a RegistryError without
/// errorCode, an ExtrinsicObject without id, uniqueId or repositoryUniqueId, or a malformed
/// patient id give errc::foreign_ncp_answer_invalid with context "element" (and "entry" = the
/// ExtrinsicObject id).
result<xca_query_response> parse_xca_query_response(const xmlNode& body_root);

}  // namespace ncpeh::gateway::ihe
