#pragma once

#include <libxml/tree.h>

#include <string_view>
#include <vector>

#include "translators/cda/data_types.hpp"

namespace ncpeh::translators::cda {

// Readers for the HL7 data types. They take an element already found by namespace-aware
// navigation and never fail: absent attributes stay empty, so that the caller decides what is
// mandatory and reports it with the right eHDSI error. Nested `translation`s are read in the
// hl7, pharm and legacy epsos namespaces (peers write all three, ehdsi-cda.md pitfall #2).

instance_identifier read_id(const xmlNode& element);
coded_value read_code(const xmlNode& element);
physical_quantity read_quantity(const xmlNode& element);
person_name read_name(const xmlNode& name_element);
address read_address(const xmlNode& addr_element);
telecom read_telecom(const xmlNode& telecom_element);

/// Every child {ns}local of `parent` read with `read`.
std::vector<instance_identifier> read_ids(const xmlNode& parent);
std::vector<telecom> read_telecoms(const xmlNode& parent);

/// The `value` attribute of the first hl7 child `local` (e.g. effectiveTime, time), or empty.
std::string read_time(const xmlNode& parent, std::string_view local);

}  // namespace ncpeh::translators::cda
