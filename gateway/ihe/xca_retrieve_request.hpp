#pragma once

#include <libxml/tree.h>

#include <span>
#include <string>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// One xds:DocumentRequest of an ITI-39 Cross Gateway Retrieve (ehdsi-protocol.md §4).
struct document_request {
    std::string home_community_id;  ///< as sent (`urn:oid:…`), empty when omitted (DK tool)
    std::string repository_unique_id;
    std::string document_unique_id;

    friend bool operator==(const document_request&, const document_request&) = default;
};

/// Parses `xds:RetrieveDocumentSetRequest` (the SOAP body root): one or more DocumentRequests,
/// in order. errc::ihe_request_invalid when the root is not a RetrieveDocumentSetRequest, there is
/// no DocumentRequest, or a DocumentRequest lacks a non-empty RepositoryUniqueId or
/// DocumentUniqueId. HomeCommunityId is optional ([IHE] requires it; peers omit it).
result<std::vector<document_request>> parse_xca_retrieve_request(const xmlNode& body_root);

/// The `xds:RetrieveDocumentSetRequest` country B sends a foreign NCP-A (ehdsi-protocol.md §4):
/// one xds:DocumentRequest per request, in order, with HomeCommunityId (a bare OID gets the
/// `urn:oid:` prefix OpenNCP NCP-B always sends; left out when empty, which IHE does not allow:
/// the caller fills it), RepositoryUniqueId and DocumentUniqueId. Returns one element without
/// XML declaration; parse_xca_retrieve_request reads it back.
std::string write_xca_retrieve_request(std::span<const document_request> requests);

}  // namespace ncpeh::gateway::ihe
