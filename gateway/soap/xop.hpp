#pragma once

#include <libxml/tree.h>

#include <string>

#include "gateway/soap/multipart.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::soap {

/// The bytes carried by a base64Binary element such as xds:Document: either an xop:Include whose
/// cid: URL names a part of `message` (MTOM), or inline base64 text (plain SOAP, possibly with
/// line breaks). `message` may be null for a plain SOAP request; an xop:Include then fails.
result<std::string> binary_content(const xmlNode& element, const multipart_related* message);

}  // namespace ncpeh::gateway::soap
