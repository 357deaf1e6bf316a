#pragma once

#include <string>

namespace ncpeh::gateway::ihe {

/// A code with its coding scheme and display name, as XDS classifications carry it
/// (`nodeRepresentation`, Slot `codingScheme`, Name).
struct coded_value {
    std::string code;
    std::string scheme;
    std::string display;

    friend bool operator==(const coded_value&, const coded_value&) = default;
};

}  // namespace ncpeh::gateway::ihe
