#pragma once

#include <chrono>
#include <string>

namespace ncpeh::gateway::ihe {

/// `yyyyMMddHHmmss` in UTC: XDS creationTime, HL7v3 creationTime of XCPD responses. (A
/// document's CDA TS, with its offset, is translators::cda::to_cda_time.)
std::string xds_time_of(std::chrono::system_clock::time_point at);

}  // namespace ncpeh::gateway::ihe
