#pragma once

#include <string_view>

#include "translators/fhir/json_reader.hpp"

namespace ncpeh::translators::fhir {

/// Reads `resourceType` and records an error in `reader` unless it equals `expected`.
/// Returns true when it matches.
bool check_resource_type(json_reader& reader, std::string_view expected);

}  // namespace ncpeh::translators::fhir
