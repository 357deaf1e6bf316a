#include "gateway/ncp_a/hl7_time.hpp"

#include <ctime>

namespace ncpeh::gateway::ncp_a {

std::string xds_time_of(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[20];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
    return text;
}

std::string cda_time_of(std::chrono::system_clock::time_point at) {
    return xds_time_of(at) + "+0000";
}

}  // namespace ncpeh::gateway::ncp_a
