#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ncp_b {

/// One field of a country's international search mask (the eHDSI ISM): an identifier the
/// pharmacist types in, in the form that country's NCP-A identifies patients by.
struct search_field {
    std::string oid;      ///< assigning authority of the identifier (CX root)
    std::string label;    ///< what the pharmacist is asked for, e.g. "Personal identity code"
    std::string pattern;  ///< ECMAScript regular expression the whole value must match
    bool mandatory = false;
    std::string kind = "identifier";
};

/// A patient identifier given by the pharmacist.
struct given_identifier {
    std::string oid;
    std::string value;
    friend bool operator==(const given_identifier&, const given_identifier&) = default;
};

/// A country's search mask, its patterns compiled once. Thread-safe to use.
class search_mask {
  public:
    /// Errors: `errc::config_invalid` when a pattern does not compile or breaks the bounds of
    /// `config::compile_search_pattern`.
    static result<search_mask> compile(std::vector<search_field> fields);

    const std::vector<search_field>& fields() const noexcept { return fields_; }

    /// Checks `given` against the mask: every identifier's OID is a field of the mask, given
    /// once, its value matches the field's pattern, and every mandatory field is given; at least
    /// one identifier. Errors: `errc::search_mask_violation`, naming the field (its OID and
    /// label; never the value, which identifies a person).
    result<void> check(const std::vector<given_identifier>& given) const;

  private:
    std::vector<search_field> fields_;
    std::vector<std::shared_ptr<const std::regex>> patterns_;
};

}  // namespace ncpeh::gateway::ncp_b
