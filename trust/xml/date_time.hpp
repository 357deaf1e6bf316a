#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::trust::xml {

/// A UTC instant with millisecond precision, as carried by xs:dateTime values in SAML.
using instant = std::chrono::sys_time<std::chrono::milliseconds>;

/// Parses an xs:dateTime / RFC 3339 timestamp ("2025-07-26T11:35:51.101Z",
/// "2025-07-26T13:35:51+02:00"). A time zone is required (a SAML instant without one is
/// ambiguous); fractional seconds beyond milliseconds are truncated.
/// Errors: `errc::invalid_argument` naming the offending text.
result<instant> parse_date_time(std::string_view text);

/// Formats `at` as "YYYY-MM-DDThh:mm:ss.sssZ" (UTC), the form SAML issuers emit.
std::string format_date_time(instant at);

}  // namespace ncpeh::trust::xml
