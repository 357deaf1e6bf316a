#pragma once

#include <string_view>

namespace ncpeh::translators::cda {

/// Digits separated by single dots ("1.2.246.21"; "...", "1..2" and "" are not OIDs): the check
/// for code systems and id roots read from foreign documents before they are written again.
bool is_oid(std::string_view text) noexcept;

}  // namespace ncpeh::translators::cda
