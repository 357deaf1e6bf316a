// Fuzz target (gateway/ihe): the XCPD request parser, PRPA_IN201305UV02 from a foreign NCP-B,
// and the round trip through the writer country B uses. Each input is the SOAP body's root element.
// A request that parses must parse again after write_xcpd_request.
#include <cstddef>
#include <cstdint>

#include "gateway/ihe/xcpd_request.hpp"
#include "tests/gateway/ihe/ihe_fuzz.hpp"

namespace ihe = ncpeh::gateway::ihe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ncpeh::testing::fuzz::check_round_trip(
        ncpeh::testing::fuzz::text_of(data, size),
        [](const xmlNode& root) { return ihe::parse_xcpd_request(root); },
        [](const auto& parsed) { return ihe::write_xcpd_request(parsed); });
    return 0;
}
