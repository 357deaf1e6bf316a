#pragma once

#include <libxml/tree.h>

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

}  // namespace ncpeh::gateway::ihe
