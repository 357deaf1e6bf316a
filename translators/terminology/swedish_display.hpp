#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "translators/terminology/value_set.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// eHDSI code → Swedish display (`ehdsi-to-sv.tsv`), for showing foreign codes to Swedish
/// pharmacists (country B, issue #5) and for the Swedish L1 rendering. Immutable.
class swedish_display {
  public:
    swedish_display() = default;
    explicit swedish_display(
        std::map<std::pair<std::string, std::string>, std::string, std::less<>> displays)
        : displays_(std::move(displays)) {}

    /// The Swedish display of `code` in the value set named `value_set` ("eHDSIDoseForm"), or
    /// empty when the table has none (callers then show the English display and say so).
    std::string_view find(std::string_view value_set, std::string_view code) const;
    std::size_t size() const noexcept { return displays_.size(); }

  private:
    std::map<std::pair<std::string, std::string>, std::string, std::less<>> displays_;
};

/// Parses `ehdsi-to-sv.tsv` (columns value_set, code, swedish); every code must exist in its
/// value set. Errors: config_invalid naming the file and line.
result<swedish_display> parse_swedish_display(
    std::string_view text, std::string_view file_name,
    const std::map<std::string, value_set, std::less<>>& value_sets);

}  // namespace ncpeh::translators::terminology
