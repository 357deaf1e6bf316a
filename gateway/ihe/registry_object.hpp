#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/ihe/coded_value.hpp"

namespace ncpeh::gateway::ihe {

// Reading ebRS 3.0 registry objects (ExtrinsicObject, RegistryPackage, AdhocQuery): their
// rim:Slot values, rim:Classification codes and rim:ExternalIdentifier values, by namespace URI.

/// The trimmed rim:Value texts of the first rim:Slot named `name` under `object`, or nullopt
/// when there is no such slot.
std::optional<std::vector<std::string>> slot_values(const xmlNode& object, std::string_view name);

/// The first value of the slot `name`, or nullopt when the slot is absent or has no value.
std::optional<std::string> first_slot_value(const xmlNode& object, std::string_view name);

/// The first rim:Classification under `object` with `classificationScheme` equal to `scheme`,
/// or nullptr.
const xmlNode* find_classification(const xmlNode& object, std::string_view scheme) noexcept;

/// The code of a classification: `nodeRepresentation`, the first value of its `codingScheme`
/// slot and its first Name/LocalizedString value (each empty when absent).
coded_value classification_code(const xmlNode& classification);

/// The `value` of the first rim:ExternalIdentifier under `object` whose `identificationScheme`
/// is `scheme`, or nullopt.
std::optional<std::string> external_identifier(const xmlNode& object, std::string_view scheme);

}  // namespace ncpeh::gateway::ihe
