#pragma once

#include <map>
#include <string>
#include <string_view>

#include "translators/terminology/code_system_table.hpp"
#include "translators/terminology/coded_concept.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// One eHDSI Master Value Set Catalogue value set (eHDSIDoseForm, eHDSIUnit, …): its codes with
/// their CDA code system and English display. Immutable once loaded; concurrent reads are safe.
class value_set {
  public:
    value_set(std::string name, std::string version, std::string oid,
              std::map<std::string, coded_concept, std::less<>> concepts)
        : name_(std::move(name)),
          version_(std::move(version)),
          oid_(std::move(oid)),
          concepts_(std::move(concepts)) {}

    const std::string& name() const noexcept { return name_; }
    const std::string& version() const noexcept { return version_; }
    /// The value set OID (`1.3.6.1.4.1.12559.11.10.1.3.1.42.2`).
    const std::string& oid() const noexcept { return oid_; }
    std::size_t size() const noexcept { return concepts_.size(); }
    /// The concept with `code`, or nullptr when the value set does not contain it.
    const coded_concept* find(std::string_view code) const noexcept;
    /// Whether `code` in `code_system` (an OID) is a member: both must match, as the eHDSI
    /// schematron compares `concat(@code, @codeSystem)` with the value set's concepts.
    bool contains(std::string_view code, std::string_view code_system) const noexcept;

  private:
    std::string name_;
    std::string version_;
    std::string oid_;
    std::map<std::string, coded_concept, std::less<>> concepts_;
};

/// Parses one MVC TSV export. The first line names the value set, version and OID
/// ("# eHDSIDoseForm version 8.1.0, value set OID 1.3.6…42.2; columns: …"); the columns are
/// `system`, `code`, `display`. Each FHIR system is turned into its CDA OID through `systems`.
/// Errors: config_invalid naming the file and line (bad header, unknown code system).
result<value_set> parse_value_set(std::string_view text, std::string_view file_name,
                                  const code_system_table& systems);

}  // namespace ncpeh::translators::terminology
