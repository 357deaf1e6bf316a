#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ncpeh::trust::encoding {

/// Standard base64 (RFC 4648 §4) with padding and no line breaks.
std::string base64_encode(std::string_view bytes);

/// Decodes standard base64, ignoring XML white space (peers wrap lines with CR/LF). Returns
/// nullopt on any other character, misplaced padding or a truncated final group.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ncpeh::trust::encoding
