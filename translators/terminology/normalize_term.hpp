#pragma once

#include <string>
#include <string_view>

namespace ncpeh::translators::terminology {

/// The lookup key of a Swedish term: lower case (ASCII and the Swedish/Latin-1 letters Å Ä Ö É
/// Ü in UTF-8), surrounding white space removed and inner runs of white space made one space.
/// "  Filmdragerad  TABLETT " and "filmdragerad tablett" give the same key.
std::string normalize_term(std::string_view text);

}  // namespace ncpeh::translators::terminology
