#include "gateway/ihe/hl7_time.hpp"

#include "translators/cda/cda_time.hpp"

namespace ncpeh::gateway::ihe {

std::string xds_time_of(std::chrono::system_clock::time_point at) {
    // The same digits as the CDA TS in UTC, without its "+0000".
    std::string text = translators::cda::to_cda_time(at);
    text.resize(text.size() - 5);
    return text;
}

}  // namespace ncpeh::gateway::ihe
