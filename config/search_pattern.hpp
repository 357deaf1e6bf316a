#pragma once

#include <regex>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::config {

/// Compiles a search-mask pattern (an ECMAScript regular expression the whole identifier must
/// match) within bounds that keep libstdc++'s recursive regex engine safe. The mask is read from
/// configuration today and from partners' SMP metadata later, so it is bounded like input: at
/// most 256 characters, groups nested at most 8 deep, repetition counts of at most 100 (larger
/// ones overflow inside the regex compiler), and no repeated group (`*`, `+`, `{…}`) that contains
/// a quantifier itself, the shape of catastrophic backtracking such as `(a+)+`.
/// Errors: `errc::config_invalid`, saying which bound or why the expression does not compile.
result<std::regex> compile_search_pattern(std::string_view pattern);

}  // namespace ncpeh::config
