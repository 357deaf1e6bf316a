#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

// Rendering ncpeh::error values in the ebRS shape of ITI-38/39/41 responses
// (ehdsi-protocol.md §6.1): a response status URI and an rs:RegistryErrorList.

enum class response_status { success, partial_success, failure };

/// The ebRS/IHE status URI: `urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success`,
/// `urn:ihe:iti:2007:ResponseStatusType:PartialSuccess` or `…:ResponseStatusType:Failure`.
std::string_view status_uri(response_status status) noexcept;

/// The status a response with these errors has: Success when no error has severity error
/// (warnings alone do not fail a response), otherwise PartialSuccess when content is still
/// returned and Failure when it is not.
response_status status_of(std::span<const error> errors, bool has_content) noexcept;

/// The ebRS severity URI of `level` (`urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error`
/// or `…:Warning`).
std::string_view severity_uri(severity level) noexcept;

/// Appends `<rs:RegistryErrorList>` with one `rs:RegistryError` per error (nothing when `errors`
/// is empty): errorCode = `ehdsi_code(code)`, codeContext = the message, severity URI, location
/// = `location` (IHE: the responding gateway's home community id). The `rs` prefix must be
/// declared by the caller for `urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0`.
void append_registry_error_list(std::string& out, std::span<const error> errors,
                                std::string_view location);

}  // namespace ncpeh::gateway::ihe
