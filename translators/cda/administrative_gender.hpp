#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ncpeh::translators::cda {

/// HL7 AdministrativeGender (what CDA and XCPD carry: M, F, UN) of a FHIR gender: male → M,
/// female → F, anything else (other, unknown, empty) → UN.
std::string hl7_gender_of(std::string_view fhir_gender);

/// The FHIR gender of an HL7 AdministrativeGender: M → male, F → female, UN → other, anything
/// else → unknown.
std::string fhir_gender_of(std::string_view hl7_gender);

/// True for the four FHIR gender codes (male, female, other, unknown).
bool is_fhir_gender(std::string_view text) noexcept;

}  // namespace ncpeh::translators::cda
