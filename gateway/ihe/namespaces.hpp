#pragma once

#include <string_view>

// Namespace URIs of the IHE message bodies (ehdsi-protocol.md §1). Parsing matches elements by
// these URIs, never by prefix; writers declare them on the root element they produce.
namespace ncpeh::gateway::ihe::ns {

inline constexpr std::string_view hl7 = "urn:hl7-org:v3";
inline constexpr std::string_view rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
inline constexpr std::string_view rs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
inline constexpr std::string_view query = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
inline constexpr std::string_view lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
inline constexpr std::string_view xds = "urn:ihe:iti:xds-b:2007";
inline constexpr std::string_view xop = "http://www.w3.org/2004/08/xop/include";

}  // namespace ncpeh::gateway::ihe::ns
