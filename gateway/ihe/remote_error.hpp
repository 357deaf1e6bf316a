#pragma once

#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// An error a foreign NCP-A reported on the wire (ebRS RegistryError/@errorCode, XCPD
/// acknowledgementDetail/code or reasonOf code), as country B hands it on. The code is ours when
/// the wire code names exactly one meaning a peer can report about the patient, a prescription,
/// a document, consent or rights (the inverse of `ehdsi_code` over those meanings, e.g.
/// `ERROR_PI_NO_MATCH` → patient_not_found, `4701` → no_consent, `4703` → insufficient_rights,
/// `XDSMissingDocument` → document_not_found), plus OpenNCP's legacy synonyms `1100` (→
/// no_eprescription_for_patient) and `ERROR_GENERIC_DOCUMENT_MISSING` (→ document_not_found).
/// Every other code — generic, security, the peer's own national failures (`4103`, `4104`),
/// codes we do not know — gives errc::foreign_ncp_refused. The context always holds
/// "remote_code" = `wire_code` exactly as sent. `message` is the peer's text (codeContext).
error error_from_remote(std::string_view wire_code, std::string message, severity level);

}  // namespace ncpeh::gateway::ihe
