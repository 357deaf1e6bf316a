#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

#include "gateway/ihe/coded_value.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/soap/multipart.hpp"
#include "translators/cda/code_systems.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// What an ITI-41 submission asks for, decided by the first ExtrinsicObject's formatCode.
enum class submission_kind {
    dispensation,  ///< `urn:epSOS:ep:dis:2010`: record an eDispensation
    discard,       ///< `urn:eHDSI:ed:discard:2020`: undo a previous eDispensation
};

/// One xds:Document with its bytes (from xop:Include or inline base64).
struct submitted_document {
    std::string id;       ///< xds:Document/@id = its ExtrinsicObject's id
    std::string content;  ///< the CDA bytes

    friend bool operator==(const submitted_document&, const submitted_document&) = default;
};

/// An ITI-41 Provide and Register Document Set-b request (ehdsi-protocol.md §5): what an NCP-B
/// sends us (parse_xdr_request) and what we send a foreign NCP-A as country B
/// (write_xdr_request_body).
struct xdr_submission {
    submission_kind kind = submission_kind::dispensation;
    std::string entry_id;              ///< first ExtrinsicObject/@id
    std::string format_code;           ///< its formatCode nodeRepresentation
    coded_value class_code;            ///< its classCode (60593-1 or DISCARD-60593-1)
    parsed_patient_id source_patient;  ///< Slot sourcePatientId (CX; swapped form tolerated)
    std::string
        creation_time;  ///< Slot creationTime as sent (OpenNCP's hour is 12-hour: not trusted)
    std::string language_code;                  ///< Slot languageCode, empty when absent
    std::string entry_unique_id;                ///< XDSDocumentEntry.uniqueId, empty when absent
    std::string submission_set_unique_id;       ///< XDSSubmissionSet.uniqueId (the discard id)
    std::vector<submitted_document> documents;  ///< every xds:Document, in order

    // The rest of the metadata. The parser fills each from the wire (empty when absent; nothing
    // depends on them in country A); the writer needs them, the defaults suit Sweden as the
    // submitting country B.
    coded_value type_code;  ///< typeCode; writer: the kind's when empty
    coded_value confidentiality_code{
        "N", std::string(translators::cda::code_systems::hl7_confidentiality), "Normal"};
    /// healthcareFacilityTypeCode: eHDSI puts the submitting country here.
    coded_value healthcare_facility_type_code{"SE", "1.0.3166.1", "Sweden"};
    coded_value practice_setting_code{"Not Used", "eHDSI Practice Setting Codes-Not Used",
                                      "Not Used"};
    /// Slot sourcePatientInfo (`PID-3|…`, `PID-5|Family^Given`, `PID-7|…`, `PID-8|…`), optional.
    std::vector<std::string> source_patient_info{};
    std::string submission_time{};     ///< SubmissionSet submissionTime; writer: creation_time
    std::string source_id{};           ///< XDSSubmissionSet.sourceId: the sender's OID
    std::string author_institution{};  ///< SubmissionSet author: authorInstitution (XON)
    std::string author_person{};       ///< SubmissionSet author: authorPerson (XCN)

    /// The bytes of the first ExtrinsicObject's document (parsing guarantees it exists).
    const std::string& entry_document() const;
};

/// Parses `xds:ProvideAndRegisterDocumentSetRequest` (the SOAP body root). `attachments` are
/// the MIME parts of an MTOM request (null for plain SOAP) used to resolve xop:Include.
/// Dispatch is by the first ExtrinsicObject's formatCode, exact and case-sensitive (OpenNCP
/// XDRServiceImpl): another value gives errc::class_code_not_supported (wire 4202). Missing
/// SubmitObjectsRequest/RegistryObjectList/ExtrinsicObject, formatCode, classCode,
/// sourcePatientId or creationTime slot, RegistryPackage uniqueId, a malformed CX, an
/// xds:Document without id or whose id matches no ExtrinsicObject, or an ExtrinsicObject without
/// its xds:Document give errc::ihe_request_invalid; undecodable content errc::mtom_malformed.
result<xdr_submission> parse_xdr_request(const xmlNode& body_root,
                                         const soap::multipart_related* attachments);

/// The `xds:ProvideAndRegisterDocumentSetRequest` country B sends a foreign NCP-A with an
/// eDispensation or a discard (ehdsi-protocol.md §5), written strictly:
/// * one rim:ExtrinsicObject `entry_id` (a `urn:uuid:`; mimeType text/xml, stable, Approved)
///   with the slots creationTime, languageCode, sourcePatientId and (when given)
///   sourcePatientInfo; the classifications classCode, typeCode, formatCode,
///   confidentialityCode, healthcareFacilityTypeCode, practiceSettingCode; the patientId and
///   uniqueId (`entry_unique_id`) external identifiers;
/// * the SubmissionSet rim:RegistryPackage: submissionTime, Name, the author classification
///   (when an author is given), contentTypeCode = the class code, uniqueId
///   (`submission_set_unique_id`, the discard id), patientId and sourceId;
/// * the rim:Classification that makes the package a SubmissionSet and the HasMember
///   association (SubmissionSetStatus Original);
/// * one xds:Document per `documents` entry, its bytes appended to `attachments` as a
///   binary text/xml part and referenced by an xop:Include (send the body as MTOM).
/// `kind` decides the formatCode (`urn:epSOS:ep:dis:2010` or `urn:eHDSI:ed:discard:2020`;
/// `format_code` is not read); an empty class or type code becomes the kind's (60593-1 or
/// DISCARD-60593-1, LOINC). Every other id is derived from `entry_id`, so the output is
/// deterministic. `documents` should hold exactly the entry's document (id = `entry_id`).
/// Returns one element without XML declaration, for soap::write_envelope; parse_xdr_request
/// reads it back.
std::string write_xdr_request_body(const xdr_submission& submission,
                                   std::vector<soap::mime_part>& attachments);

}  // namespace ncpeh::gateway::ihe
