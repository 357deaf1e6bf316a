#pragma once

#include <libxml/tree.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/ihe/coded_value.hpp"

namespace ncpeh::gateway::ihe {

// Reading and writing ebRS 3.0 registry objects (ExtrinsicObject, RegistryPackage, AdhocQuery):
// their rim:Slot values, rim:Classification codes, rim:ExternalIdentifier values and
// Name/Description strings. Reading goes by namespace URI; writing uses the `rim:` prefix, which
// the caller declares for `urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0`.

/// The trimmed rim:Value texts of the first rim:Slot named `name` under `object`, or nullopt
/// when there is no such slot.
std::optional<std::vector<std::string>> slot_values(const xmlNode& object, std::string_view name);

/// The first value of the slot `name`, or nullopt when the slot is absent or has no value.
std::optional<std::string> first_slot_value(const xmlNode& object, std::string_view name);

/// The first rim:Classification under `object` with `classificationScheme` equal to `scheme`,
/// or nullptr.
const xmlNode* find_classification(const xmlNode& object, std::string_view scheme) noexcept;

/// Every rim:Classification under `object` with `classificationScheme` equal to `scheme`.
std::vector<const xmlNode*> find_classifications(const xmlNode& object, std::string_view scheme);

/// The code of a classification: `nodeRepresentation`, the first value of its `codingScheme`
/// slot and its first Name/LocalizedString value (each empty when absent).
coded_value classification_code(const xmlNode& classification);

/// The `value` of the first rim:ExternalIdentifier under `object` whose `identificationScheme`
/// is `scheme`, or nullopt.
std::optional<std::string> external_identifier(const xmlNode& object, std::string_view scheme);

/// The `value` of the first rim:ExternalIdentifier under `object` whose Name/LocalizedString is
/// `name`, compared case-insensitively (how OpenNCP NCP-B finds XDSDocumentEntry.uniqueId), or
/// nullopt.
std::optional<std::string> external_identifier_named(const xmlNode& object, std::string_view name);

/// The first LocalizedString value of the rim:`element` (Name or Description) of `object`, or
/// empty.
std::string localized_string(const xmlNode& object, std::string_view element);

/// Appends `<rim:Slot name=…><rim:ValueList>` with one rim:Value per value.
void append_slot(std::string& out, std::string_view name, std::span<const std::string> values);

/// Appends a slot with one value.
void append_slot(std::string& out, std::string_view name, std::string_view value);

/// Appends `<rim:{element}><rim:LocalizedString value=…/></rim:{element}>` (Name, Description).
void append_localized(std::string& out, std::string_view element, std::string_view text);

/// Appends a coded rim:Classification of `classified_object`: `nodeRepresentation` = code, a
/// `codingScheme` slot (OpenNCP NCP-B reads the first Slot of every classification, so there is
/// always one) and a Name when the display is not empty.
void append_classification(std::string& out, std::string_view id, std::string_view scheme,
                           std::string_view classified_object, const coded_value& code);

/// Appends a rim:ExternalIdentifier of `registry_object` with its Name (OpenNCP NCP-B finds
/// XDSDocumentEntry.uniqueId by that Name).
void append_external_identifier(std::string& out, std::string_view id, std::string_view scheme,
                                std::string_view registry_object, std::string_view value,
                                std::string_view name);

}  // namespace ncpeh::gateway::ihe
