#pragma once

#include <span>
#include <string>

namespace ncpeh::gateway::soap {

/// A `<wsse:Security>` header block holding `assertions` — serialised, signed SAML assertions
/// (NoK, HCP, TRC: the order the caller gives) — byte for byte: a signed assertion is never
/// parsed and written again, which could break its signature. No mustUnderstand attribute, no
/// Timestamp or BinarySecurityToken (ehdsi-protocol.md §1, §10).
std::string write_security_header(std::span<const std::string> assertions);

}  // namespace ncpeh::gateway::soap
