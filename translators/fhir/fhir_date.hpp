#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// Parses a FHIR `date` ("2025-03-03") or `dateTime` ("2025-03-03T10:15:00+01:00",
/// "…T09:15:00Z", optional fraction) and returns its calendar date as written (no time-zone
/// shift: NLL dates are Swedish local dates). Partial dates (YYYY, YYYY-MM) are refused: every
/// NLL date field is a full date. Errors: `errc::fhir_invalid` with the rule that failed.
result<std::chrono::year_month_day> parse_fhir_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_fhir_date(std::chrono::year_month_day date);

/// The number of days from `from` to `to` (negative when `to` is earlier).
long long days_between(std::chrono::year_month_day from, std::chrono::year_month_day to);

}  // namespace ncpeh::translators::fhir
