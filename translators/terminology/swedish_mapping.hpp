#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "translators/terminology/coded_concept.hpp"
#include "translators/terminology/value_set.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// What a Swedish term names; each kind maps into one eHDSI value set.
enum class term_kind { dose_form, package, route, unit, profession, gender };

/// "dose_form", "package", … (the `kind` column of se-to-ehdsi.tsv).
std::string_view name_of(term_kind kind) noexcept;

/// One row of the project's Swedish → eHDSI table: the eHDSI concept (with the English display
/// from the MVC) and the local concept that keeps the Swedish original as a CDA `translation`.
struct swedish_term_mapping {
    term_kind kind = term_kind::dose_form;
    std::string swedish;    ///< the Swedish term as written in the table
    std::string value_set;  ///< "eHDSIDoseForm"
    coded_concept target;   ///< the eHDSI concept
    coded_concept local;    ///< code system and code of the Swedish original (display = swedish)
};

/// The Swedish → eHDSI table (`se-to-ehdsi.tsv`), keyed by kind and normalised Swedish term,
/// and by kind and local code (for SNOMED CT route codes). Immutable; concurrent reads are safe.
class swedish_mapping {
  public:
    swedish_mapping() = default;
    explicit swedish_mapping(std::vector<swedish_term_mapping> rows);

    /// The mapping of `swedish` (any case and spacing), or nullptr.
    const swedish_term_mapping* find(term_kind kind, std::string_view swedish) const noexcept;
    /// The mapping whose local code is `code` in `code_system` (an OID), or nullptr.
    const swedish_term_mapping* find_local(term_kind kind, std::string_view code_system,
                                           std::string_view code) const noexcept;
    std::size_t size() const noexcept { return rows_.size(); }

  private:
    std::vector<swedish_term_mapping> rows_;
    std::map<std::pair<term_kind, std::string>, std::size_t, std::less<>> by_term_;
};

/// Parses `se-to-ehdsi.tsv` (columns kind, swedish, value_set, code, local_system, local_code)
/// and checks every target against `value_sets`. Errors: config_invalid naming the file and line
/// for an unknown kind, an unknown value set, or a code the value set does not contain.
result<swedish_mapping> parse_swedish_mapping(
    std::string_view text, std::string_view file_name,
    const std::map<std::string, value_set, std::less<>>& value_sets);

}  // namespace ncpeh::translators::terminology
