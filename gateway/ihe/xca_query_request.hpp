#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "gateway/ihe/coded_value.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// An ITI-38 Cross Gateway Query for eHDSI documents: the FindDocuments stored query with its
/// patient id and class codes (ehdsi-protocol.md §3). The status slot is ignored, as OpenNCP does.
struct find_documents_query {
    std::string query_id;                  ///< AdhocQuery/@id (FindDocuments)
    std::string return_type;               ///< ResponseOption/@returnType (LeafClass, ObjectRef)
    parsed_patient_id patient;             ///< $XDSDocumentEntryPatientId
    std::vector<coded_value> class_codes;  ///< $XDSDocumentEntryClassCode, code and scheme
};

/// Splits a `$XDSDocumentEntryClassCode` value into `code^^scheme` items. Accepts IHE's
/// `('a','b')` and OpenNCP's one quoted string with commas `('a,b')`: all `(`, `)` and `'` are
/// dropped and the rest is split on commas (white space around items is ignored). Empty items
/// are skipped.
std::vector<coded_value> parse_class_code_list(std::string_view value);

/// Parses `query:AdhocQueryRequest` (the SOAP body root). errc::ihe_request_invalid when the
/// root is not an AdhocQueryRequest, the AdhocQuery is missing, its id is not FindDocuments
/// (`urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d`), the patient id slot is missing, empty or
/// holds more than one value, the CX is malformed, or no class code is given.
result<find_documents_query> parse_xca_query_request(const xmlNode& body_root);

/// The `query:AdhocQueryRequest` country B sends a foreign NCP-A (ehdsi-protocol.md §3): the
/// FindDocuments stored query whatever `query.query_id` says, `ResponseOption` with
/// `returnType` = `query.return_type` (LeafClass when empty) and `returnComposedObjects="true"`,
/// and the slots `$XDSDocumentEntryPatientId` (the CX of `query.patient.id` in single quotes),
/// `$XDSDocumentEntryStatus` (Approved) and `$XDSDocumentEntryClassCode` (IHE's list form
/// `('code^^scheme','code^^scheme')`, one item per class code). Returns one element without XML
/// declaration, for soap::write_envelope; parse_xca_query_request reads it back.
std::string write_xca_query_request(const find_documents_query& query);

}  // namespace ncpeh::gateway::ihe
