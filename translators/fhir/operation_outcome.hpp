#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// One OperationOutcome issue. `details.coding` carries the precise error code (e.g. the
/// national store's code in `uris::store_error_system`).
struct outcome_issue {
    /// fatal | error | warning | information.
    std::string severity;
    /// FHIR issue-type code: invalid, structure, not-found, conflict, business-rule, …
    std::string code;
    codeable_concept details;
    std::string diagnostics;
    std::vector<std::string> expression;
    friend bool operator==(const outcome_issue&, const outcome_issue&) = default;
};

struct operation_outcome {
    std::string id;
    std::vector<outcome_issue> issues;
    boost::json::object unknown;
    friend bool operator==(const operation_outcome&, const operation_outcome&) = default;
};

/// Errors: `errc::fhir_malformed`.
result<operation_outcome> parse_operation_outcome(const boost::json::value& json);
boost::json::object to_json(const operation_outcome& o);

/// The first issue's first `details.coding.code` in `system`, or empty.
std::string outcome_code(const operation_outcome& o, std::string_view system);

}  // namespace ncpeh::translators::fhir
