#pragma once

#include <map>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// A code system as CDA names it.
struct code_system {
    std::string oid;   ///< goes into `@codeSystem`
    std::string name;  ///< goes into `@codeSystemName`
};

/// FHIR system URI → CDA code system (`code-systems.tsv`).
class code_system_table {
  public:
    explicit code_system_table(std::map<std::string, code_system, std::less<>> systems = {})
        : systems_(std::move(systems)) {}

    /// The CDA code system for a FHIR system URI, or nullptr when unknown.
    const code_system* find(std::string_view fhir_system) const noexcept;
    /// The FHIR system URI of a CDA OID, or empty (used by the country-B direction).
    std::string_view fhir_system_of(std::string_view oid) const noexcept;
    /// The code system with CDA OID `oid`, or nullptr.
    const code_system* find_by_oid(std::string_view oid) const noexcept;

  private:
    std::map<std::string, code_system, std::less<>> systems_;
};

/// Parses `code-systems.tsv` (columns fhir_system, cda_oid, name). Errors: config_invalid.
result<code_system_table> parse_code_system_table(std::string_view text,
                                                  std::string_view file_name);

}  // namespace ncpeh::translators::terminology
