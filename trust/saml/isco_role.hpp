#pragma once

#include <optional>
#include <string_view>

namespace ncpeh::trust::saml {

/// The ISCO-08 role codes eHDSI accepts for a health professional (codeSystem
/// 2.16.840.1.113883.2.9.6.2.7; OpenNCP XSPARole, ehdsi-protocol.md §7.1) and their display
/// names. Returns the display name of `code`, or nothing for an unknown code.
std::optional<std::string_view> isco_role_display_name(std::string_view code) noexcept;

}  // namespace ncpeh::trust::saml
