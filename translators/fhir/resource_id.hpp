#pragma once

#include <string_view>

namespace ncpeh::translators::fhir {

/// Whether `id` is a FHIR R4 logical id (the `id` datatype): 1 to 64 of A–Z, a–z, 0–9, '-' and
/// '.'. An identifier from outside that is not one never becomes part of a request to the
/// national store.
bool is_resource_id(std::string_view id) noexcept;

}  // namespace ncpeh::translators::fhir
