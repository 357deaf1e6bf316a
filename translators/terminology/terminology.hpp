#pragma once

#include <map>
#include <string>
#include <string_view>

#include "translators/terminology/code_system_table.hpp"
#include "translators/terminology/swedish_display.hpp"
#include "translators/terminology/swedish_mapping.hpp"
#include "translators/terminology/value_set.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// Every code table a translator needs, loaded once at start-up and shared read-only by all
/// translations (both directions). Plain data: translators take it by const reference.
struct terminology {
    code_system_table code_systems;
    std::map<std::string, value_set, std::less<>> value_sets;  ///< by name ("eHDSIDoseForm")
    swedish_mapping from_swedish;                              ///< se-to-ehdsi.tsv
    swedish_display to_swedish;                                ///< ehdsi-to-sv.tsv

    /// The value set named `name`, or nullptr.
    const value_set* find_value_set(std::string_view name) const noexcept;
};

/// The names of the files `make_terminology` needs, relative to the terminology directory.
/// Value sets are every other `*.tsv` given to it.
inline constexpr std::string_view code_systems_file = "code-systems.tsv";
inline constexpr std::string_view swedish_mapping_file = "se-to-ehdsi.tsv";
inline constexpr std::string_view swedish_display_file = "ehdsi-to-sv.tsv";

/// Builds the tables from file contents (file name → text), so that reading the files stays at
/// the edge (`gateway/terminology/read_terminology.hpp`). Every `.tsv` other than the three
/// named files is a value set. Errors: config_invalid for a missing file or any table problem
/// (file and line in the context).
result<terminology> make_terminology(const std::map<std::string, std::string, std::less<>>& files);

}  // namespace ncpeh::translators::terminology
