// Fuzz target (gateway/ihe): the XCPD request parser, PRPA_IN201305UV02 from a foreign NCP-B,
// and the round trip through the writer country B uses. Each input is the SOAP body's root element.
// A request that parses must parse again after write_xcpd_request.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "gateway/ihe/xcpd_request.hpp"
#include "tests/support/fuzz_input.hpp"
#include "trust/xml/document.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto doc = xml::parse_document(ncpeh::testing::fuzz::text_of(data, size));
    if (!doc) {
        return 0;
    }
    const auto request = ihe::parse_xcpd_request(doc->root());
    if (!request) {
        return 0;
    }
    const auto written = xml::parse_document(ihe::write_xcpd_request(*request));
    if (!written || !ihe::parse_xcpd_request(written->root())) {
        std::abort();  // the writer made what the parser refuses
    }
    return 0;
}
