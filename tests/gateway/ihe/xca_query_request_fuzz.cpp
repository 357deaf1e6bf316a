// Fuzz target (gateway/ihe): the XCA query request parser, AdhocQueryRequest from a foreign
// NCP-B, and the round trip through the writer country B uses. Each input is the SOAP body's root
// element. A query that parses must parse again after write_xca_query_request.
#include <cstddef>
#include <cstdint>

#include "gateway/ihe/xca_query_request.hpp"
#include "tests/gateway/ihe/ihe_fuzz.hpp"

namespace ihe = ncpeh::gateway::ihe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ncpeh::testing::fuzz::check_round_trip(
        ncpeh::testing::fuzz::text_of(data, size),
        [](const xmlNode& root) { return ihe::parse_xca_query_request(root); },
        [](const auto& parsed) { return ihe::write_xca_query_request(parsed); });
    return 0;
}
