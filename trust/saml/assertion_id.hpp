#pragma once

#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::trust::saml {

/// A fresh assertion ID: "_" + a random (version 4) UUID — an NCName, never "urn:uuid:…"
/// (OpenNCP rewrites those before verifying and breaks the signature).
/// Errors: `errc::internal` when the random generator fails.
result<std::string> make_assertion_id();

}  // namespace ncpeh::trust::saml
