#pragma once

#include <string>

namespace ncpeh::translators::terminology {

/// One concept as a CDA coded element needs it: `@code`, `@codeSystem` (an OID),
/// `@codeSystemName` and `@displayName`.
struct coded_concept {
    std::string code;
    std::string code_system;
    std::string code_system_name;
    std::string display;

    friend bool operator==(const coded_concept&, const coded_concept&) = default;
};

}  // namespace ncpeh::translators::terminology
