#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::translators::cda {

/// FHIR date/dateTime → CDA TS: "2025-03-03" → "20250303", "2025-03-03T10:15:00+01:00" →
/// "20250303101500+0100", "…Z" → "…+0000" (the 2024 eHDSI rules want a UTC offset on anything
/// finer than a day; fractional seconds are dropped). Errors: invalid_argument naming the value
/// when it is not a FHIR date or dateTime.
result<std::string> to_cda_time(std::string_view fhir_time);

/// `at` in UTC as a CDA TS to the second, with its offset: "20250304091500+0000" (fractions of
/// a second are dropped). The time of a generated document (effectiveTime, the L1 PDF's date).
std::string to_cda_time(std::chrono::system_clock::time_point at);

/// CDA TS → FHIR: "20250404122129+0100" → "2025-04-04T12:21:29+01:00", "20120919" →
/// "2012-09-19", "202504041221+0100" → "2025-04-04T12:21:00+01:00". A time without an offset is
/// returned as a date only (FHIR dateTime with a time needs a zone). Errors: invalid_argument.
result<std::string> to_fhir_time(std::string_view cda_time);

}  // namespace ncpeh::translators::cda
