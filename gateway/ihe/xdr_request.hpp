#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

#include "gateway/ihe/coded_value.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/soap/multipart.hpp"
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
};

/// An ITI-41 Provide and Register Document Set-b request from an NCP-B (ehdsi-protocol.md §5).
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

}  // namespace ncpeh::gateway::ihe
