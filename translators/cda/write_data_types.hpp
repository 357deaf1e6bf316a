#pragma once

#include <string_view>
#include <vector>

#include "translators/cda/data_types.hpp"
#include "translators/cda/xml_writer.hpp"

namespace ncpeh::translators::cda {

// Writers for the HL7 data types (the C++ counterpart of DK's commons.ftl macros). Element names
// are qualified names in the document's prefixes: no prefix = urn:hl7-org:v3, "pharm:" =
// urn:hl7-org:pharm. Each writes one complete element.

/// `<name root extension/>` or `<name nullFlavor/>`; an empty id is written nullFlavor="NI".
void write_id(xml_writer& out, std::string_view name, const instance_identifier& id);

/// A coded element with its `originalText` and nested `translation`s (always in
/// urn:hl7-org:v3). An empty value is written nullFlavor="NI".
void write_code(xml_writer& out, std::string_view name, const coded_value& code);

/// A PQ: `value` and `unit` (unit "1" when empty), with `xsi:type="PQ"` when `typed`, and the
/// original counted-unit text as `translation/originalText`.
void write_quantity(xml_writer& out, std::string_view name, const physical_quantity& quantity,
                    bool typed = false);

/// `<name><given/>…<family/></name>`.
void write_name(xml_writer& out, const person_name& name);

/// `<addr>` with its parts, or nullFlavor="NI" when empty.
void write_address(xml_writer& out, const address& addr);

/// Every `telecom` with a value, or one nullFlavor (the first entry's, else NI) when none has a
/// value: never a null beside a value.
void write_telecoms(xml_writer& out, const std::vector<telecom>& telecoms);

/// `<name value="TS"/>`, or nullFlavor="UNK" when `timestamp` is empty.
void write_time(xml_writer& out, std::string_view name, std::string_view timestamp);

/// `<templateId root="…"/>`.
void write_template(xml_writer& out, std::string_view root);

/// A LOINC `<code>` (section and document codes): code, system 2.16.840.1.113883.6.1, display.
void write_loinc_code(xml_writer& out, std::string_view code, std::string_view display_name);

/// Opens `component/structuredBody/component/section` (DOCBODY, COMP, DOCSECT): the body of the
/// eHDSI ePrescription and eDispensation, one section each. Close it with four `end()`s after
/// the section's content.
void write_single_section_start(xml_writer& out);

}  // namespace ncpeh::translators::cda
