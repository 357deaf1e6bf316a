#pragma once

#include <string_view>

#include "trust/error/error.hpp"

/// Format and check-digit rules for the Swedish organisation, product and professional
/// identifiers (sweden-national-side.md §2, §3.1, §6.4). Each returns nothing on success and
/// an `errc::fhir_invalid` error naming the rule ("rule" context key) on failure.
namespace ncpeh::translators::sweden {

/// Organisationsnummer: exactly 10 digits, Luhn check digit over the first 9 (e.g.
/// `2321000016`).
result<void> validate_organisationsnummer(std::string_view number);

/// GLN (pharmacy id): exactly 13 digits, GS1 mod-10 check digit (e.g. `7350045511119`).
result<void> validate_gln(std::string_view number);

/// NPL-id: 14 digits `YYYYMMDD` (a real registration date) + `0` + 5 digits. The GS1 check
/// digit is only an empirical rule (§8.10): test it separately with `has_npl_check_digit`.
result<void> validate_npl_id(std::string_view id);

/// NPL-pack-id: as NPL-id but digit 9 is `1`.
result<void> validate_npl_pack_id(std::string_view id);

/// True when the last digit of a 14-digit NPL id is the GS1 mod-10 check digit of the first 13
/// (held for all 8,335 ids in EHM's test data; a mismatch is a warning, never an error).
bool has_npl_check_digit(std::string_view id) noexcept;

/// HSA-id: `SE` + 10-digit organisationsnummer of the catalogue owner + `-` + one or more
/// `[A-Za-z0-9]`, at most 31 characters (e.g. `SE2321000131-P000000123456`).
result<void> validate_hsa_id(std::string_view id);

/// Förskrivarkod: exactly 7 digits. Its check-digit rule is not public (§8.9), so only the
/// format is checked.
result<void> validate_forskrivarkod(std::string_view code);

/// Varunummer (Nordic article number): exactly 6 digits, no known check digit.
result<void> validate_varunummer(std::string_view number);

}  // namespace ncpeh::translators::sweden
