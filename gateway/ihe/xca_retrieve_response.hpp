#pragma once

#include <string>
#include <vector>

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
    std::string home_community_id;  ///< our HCID, bare OID (RegistryError location)
    std::vector<retrieved_document> documents;
    std::vector<error> errors;
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

}  // namespace ncpeh::gateway::ihe
