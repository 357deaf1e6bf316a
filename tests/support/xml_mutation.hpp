#pragma once

#include <random>
#include <string>
#include <string_view>

namespace ncpeh::testing {

/// One fuzz-style mutation of an XML document for robustness tests: 1 to 4 randomly chosen
/// elements are deleted or duplicated (as next sibling), chosen with `random` (seed it, so
/// failures reproduce). Returns the mutated document as text, for the reader under test to parse
/// exactly as a peer's message. Throws std::runtime_error when `original` is not usable XML.
std::string mutate_elements(std::string_view original, std::mt19937& random);

}  // namespace ncpeh::testing
