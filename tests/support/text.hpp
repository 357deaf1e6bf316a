#pragma once

#include <cstddef>
#include <string_view>

namespace ncpeh::testing {

bool contains(std::string_view text, std::string_view needle);

/// How often `needle` occurs in `text` (overlapping occurrences count).
std::size_t occurrences(std::string_view text, std::string_view needle);

}  // namespace ncpeh::testing
