#pragma once

#include <libxml/tree.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

// The ebRS shape of errors in ITI-38/39/41 responses (ehdsi-protocol.md §6.1), both ways: a
// response status URI and an rs:RegistryErrorList, rendered from ncpeh::error values (country A)
// and read back from a foreign gateway's answer (country B).

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

/// The status a status URI names, by its last `:`-separated part (Success, PartialSuccess,
/// Failure), so that ebRS' and IHE's spellings of PartialSuccess both count; nullopt for anything
/// else.
std::optional<response_status> status_of_uri(std::string_view uri) noexcept;

/// What a foreign gateway answered in an ebRS RegistryResponseType element.
struct registry_answer {
    response_status status = response_status::failure;
    std::vector<error> errors;
};

/// Reads `@status` and `rs:RegistryErrorList/rs:RegistryError` of `response` (an
/// rs:RegistryResponse or a query:AdhocQueryResponse). Each RegistryError becomes
/// `error_from_remote(errorCode, codeContext, level)`: level warning when its severity URI ends in
/// `:Warning`, else error (OpenNCP sends 4202 without severity); the message is codeContext, else
/// the element's text. A missing or unknown status, or a RegistryError without errorCode, gives
/// errc::foreign_ncp_answer_invalid with context "element".
result<registry_answer> read_registry_answer(const xmlNode& response);

}  // namespace ncpeh::gateway::ihe
