#pragma once

#include <string_view>

namespace ncpeh::translators::cda {

/// HL7 CDA R2 (the default namespace of every eHDSI document).
inline constexpr std::string_view hl7_ns = "urn:hl7-org:v3";
/// The current eHDSI product model (templates …3.1.3.29/30), `pharm:`.
inline constexpr std::string_view pharm_ns = "urn:hl7-org:pharm";
/// The legacy epSOS product model (≤ wave 5), `epsos:`; read, never written.
inline constexpr std::string_view epsos_ns = "urn:epsos-org:ep:medication";
inline constexpr std::string_view xsi_ns = "http://www.w3.org/2001/XMLSchema-instance";

}  // namespace ncpeh::translators::cda
