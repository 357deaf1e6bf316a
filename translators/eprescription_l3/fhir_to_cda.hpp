#pragma once

#include <string>

#include "translators/cda/data_types.hpp"
#include "translators/fhir/datatypes.hpp"
#include "translators/terminology/coded_concept.hpp"

namespace ncpeh::translators::eprescription_l3 {

// Small FHIR → CDA value conversions shared by the Swedish → eHDSI translators (ePrescription
// and, for country B, eDispensation).

/// "08-000 00 00" → "tel:+46800000000" (Swedish trunk prefix replaced by +46, "00" by "+");
/// "a@b.se" → "mailto:a@b.se"; work use. Empty when the value has no digits.
cda::telecom to_telecom(const fhir::contact_point& point);

/// The shortest text that reads back as `value` ("2.5", "98").
std::string format_number(double value);

/// A terminology entry as a CDA code (code, system, system name, display).
cda::coded_value to_coded(const terminology::coded_concept& entry);

}  // namespace ncpeh::translators::eprescription_l3
