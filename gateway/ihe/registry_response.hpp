#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// The ITI-41 response `rs:RegistryResponse` (ehdsi-protocol.md §5): status Success when no
/// error has severity error (warnings are listed but do not fail), else Failure, plus the
/// RegistryErrorList with location = `urn:oid:<home_community_id>`. Plain SOAP, as OpenNCP
/// answers XDR. Returns one element without XML declaration, for soap::write_envelope.
std::string write_registry_response(std::span<const error> errors,
                                    std::string_view home_community_id);

}  // namespace ncpeh::gateway::ihe
