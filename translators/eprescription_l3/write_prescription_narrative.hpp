#pragma once

#include "translators/cda/eprescription_document.hpp"
#include "translators/cda/xml_writer.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// Content ids the entries point at (`text/reference/@value` = "#" + id).
inline constexpr std::string_view item_content_id = "item1";
inline constexpr std::string_view patient_instructions_id = "pinstr1";
inline constexpr std::string_view fulfilment_instructions_id = "finstr1";

/// Writes the Prescription section's `<text>`: a table a pharmacist can read without the coded
/// entry (product, strength, form, package, quantity, dosage, validity, substitution,
/// instructions, prescriber), English labels with the Swedish original values, and the
/// `content` elements the entry references. Deterministic: the same item gives the same text.
void write_prescription_narrative(cda::xml_writer& out, const cda::eprescription_document& doc);

}  // namespace ncpeh::translators::eprescription_l3
