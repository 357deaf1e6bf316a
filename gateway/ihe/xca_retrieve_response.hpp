#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

#include "gateway/ihe/registry_error_list.hpp"
#include "gateway/ihe/xca_retrieve_request.hpp"
#include "gateway/soap/multipart.hpp"
#include "gateway/soap/response.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// A document to return: the request it answers (ids are echoed) and its bytes (a CDA).
struct retrieved_document {
    document_request request;
    std::string mime_type = "text/xml";
    std::string content;
};

/// An ITI-39 response: the documents found and the errors or warnings to report.
struct xca_retrieve_response {
    std::string home_community_id;  ///< the responder's HCID, bare OID (RegistryError location)
    std::vector<retrieved_document> documents;
    std::vector<error> errors;
    /// The status the responder answered, as read by parse_xca_retrieve_response; the writers
    /// derive the status from `errors` and ignore this.
    response_status status = response_status::success;
};

/// `xds:RetrieveDocumentSetResponse`: `rs:RegistryResponse` with `status_of(errors,
/// !documents.empty())` and the RegistryErrorList, then one `xds:DocumentResponse` per
/// document echoing HomeCommunityId (empty when the request had none), RepositoryUniqueId and
/// DocumentUniqueId, with mimeType and an `xds:Document` holding an `xop:Include` whose cid
/// names the matching entry of `attachments` (which this call fills, one per document, in
/// order). Returns one element without XML declaration.
std::string write_xca_retrieve_response_body(const xca_retrieve_response& response,
                                             std::vector<soap::mime_part>& attachments);

/// The complete ITI-39 HTTP response: the body above in a SOAP 1.2 envelope with `headers`
/// (action `urn:ihe:iti:2007:CrossGatewayRetrieveResponse` when empty), packaged as MTOM with
/// the documents as binary attachments — always MTOM, also for errors, as OpenNCP peers expect
/// (ehdsi-protocol.md §8).
soap::mtom_message write_xca_retrieve_response(const xca_retrieve_response& response,
                                               soap::response_addressing headers);

/// Parses the `xds:RetrieveDocumentSetResponse` a foreign NCP-A answered to our ITI-39 request
/// (the SOAP body root), as country B reads it. `attachments` are the MIME parts of an MTOM
/// answer (null for plain SOAP). Status and errors come from the rs:RegistryResponse
/// (`read_registry_answer`, each RegistryError through `error_from_remote`); each
/// xds:DocumentResponse gives a document with the echoed ids (HomeCommunityId as sent, empty
/// when absent), its mimeType and its bytes (`soap::binary_content`: an xop:Include resolved in
/// `attachments`, or inline base64). `home_community_id` is the first DocumentResponse's
/// HomeCommunityId without `urn:oid:`. The root not being a RetrieveDocumentSetResponse, no
/// rs:RegistryResponse or no or an unknown status, a RegistryError without errorCode, a
/// DocumentResponse without DocumentUniqueId, RepositoryUniqueId, mimeType or Document, or a
/// Document whose content cannot be had give errc::foreign_ncp_answer_invalid with context
/// "element" (and "document_response" = its 1-based position).
result<xca_retrieve_response> parse_xca_retrieve_response(
    const xmlNode& body_root, const soap::multipart_related* attachments);

}  // namespace ncpeh::gateway::ihe
