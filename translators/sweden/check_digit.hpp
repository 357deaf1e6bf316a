#pragma once

#include <optional>
#include <string_view>

/// Check-digit arithmetic shared by the Swedish identifier validators.
namespace ncpeh::translators::sweden {

/// True when `text` is non-empty and every character is an ASCII digit.
bool is_all_digits(std::string_view text) noexcept;

/// The Luhn (mod 10) check digit for `digits` (weights 2,1,2,… from the left, products ≥ 10
/// reduced by digit sum), as used by personnummer (over YYMMDDNNN) and organisationsnummer.
/// nullopt when `digits` is not all digits.
std::optional<int> luhn_check_digit(std::string_view digits) noexcept;

/// The GS1 mod-10 check digit for `digits` (weights 3,1,3,… from the right), as used by GLN
/// and (empirically) NPL ids. nullopt when `digits` is not all digits.
std::optional<int> gs1_check_digit(std::string_view digits) noexcept;

}  // namespace ncpeh::translators::sweden
