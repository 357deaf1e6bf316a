#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/net/http_server.hpp"

// Reading country A's answers in tests.
namespace ncpeh::testing {

/// The XDS document unique id of a seed prescription at a level ("L3", "L1").
std::string document_id(std::string_view prescription, std::string_view level);

/// The document unique ids (XDSDocumentEntry.uniqueId values) an AdhocQueryResponse lists.
std::vector<std::string> listed_ids(const std::string& response);

/// The single attachment (the CDA) of an ITI-39 MTOM response.
std::string attachment_of(const gateway::net::response& res);

/// The PDF an L1 document carries (its base64 `text`), empty when it carries none.
std::string pdf_of(const std::string& l1_cda);

}  // namespace ncpeh::testing
