#pragma once

#include <string_view>

// Namespace URIs of the SOAP layer (ehdsi-protocol.md §1). Elements are always matched by these
// URIs, never by prefix: peers use arbitrary prefixes.
namespace ncpeh::gateway::soap::ns {

inline constexpr std::string_view soap12 = "http://www.w3.org/2003/05/soap-envelope";
inline constexpr std::string_view soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view wsa = "http://www.w3.org/2005/08/addressing";
inline constexpr std::string_view wsse =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
inline constexpr std::string_view xop = "http://www.w3.org/2004/08/xop/include";
inline constexpr std::string_view xds = "urn:ihe:iti:xds-b:2007";

}  // namespace ncpeh::gateway::soap::ns
