#pragma once

#include <libxml/tree.h>

#include <span>
#include <string>
#include <string_view>

#include "gateway/ihe/registry_error_list.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// The ITI-41 response `rs:RegistryResponse` (ehdsi-protocol.md §5): status Success when no
/// error has severity error (warnings are listed but do not fail), else Failure, plus the
/// RegistryErrorList with location = `urn:oid:<home_community_id>`. Plain SOAP, as OpenNCP
/// answers XDR. Returns one element without XML declaration, for soap::write_envelope.
std::string write_registry_response(std::span<const error> errors,
                                    std::string_view home_community_id);

/// Parses the `rs:RegistryResponse` a foreign NCP-A answered to our ITI-41 submission (the SOAP
/// body root): its status and its RegistryErrors, each through `error_from_remote`
/// (`read_registry_answer`). The root not being an rs:RegistryResponse, no or an unknown status,
/// or a RegistryError without errorCode give errc::foreign_ncp_answer_invalid with context
/// "element".
result<registry_answer> parse_registry_response(const xmlNode& body_root);

}  // namespace ncpeh::gateway::ihe
