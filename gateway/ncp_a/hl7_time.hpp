#pragma once

#include <chrono>
#include <string>

namespace ncpeh::gateway::ncp_a {

/// `yyyyMMddHHmmss` in UTC: XDS creationTime, HL7v3 creationTime of XCPD responses.
std::string xds_time_of(std::chrono::system_clock::time_point at);

/// `yyyyMMddHHmmss+0000`: a CDA TS with offset (document effectiveTime).
std::string cda_time_of(std::chrono::system_clock::time_point at);

}  // namespace ncpeh::gateway::ncp_a
