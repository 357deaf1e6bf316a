#pragma once

#include <chrono>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::translators::sweden {

enum class personal_identity_kind { personnummer, samordningsnummer };

/// A checked Swedish personal identity number.
struct personal_identity {
    personal_identity_kind kind;
    /// The birth date (for a samordningsnummer: the day field minus 60).
    std::chrono::year_month_day birth_date;
};

/// Validates a 12-digit personnummer or samordningsnummer `YYYYMMDDNNNC`
/// (sweden-national-side.md §1.1–1.2, SKV 704): exactly 12 ASCII digits, a real calendar date
/// (day − 60 when the day field is 61–91, which makes it a samordningsnummer), and the Luhn check
/// digit over `YYMMDDNNN`. The printed forms with `-`/`+` are not accepted: NLL and FHIR use the
/// 12-digit form. Errors: `errc::fhir_invalid` saying which rule failed (length/characters,
/// date, check digit with the expected digit). The message never repeats the number itself.
result<personal_identity> validate_personnummer(std::string_view number);

}  // namespace ncpeh::translators::sweden
