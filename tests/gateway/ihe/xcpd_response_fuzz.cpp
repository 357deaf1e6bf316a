// Fuzz target (gateway/ihe): the XCPD response parser, PRPA_IN201306UV02 from a foreign NCP-A
// (country B). Each input is the SOAP body's root element.
#include <cstddef>
#include <cstdint>

#include "gateway/ihe/xcpd_response.hpp"
#include "tests/support/fuzz_input.hpp"
#include "trust/xml/document.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (const auto doc = xml::parse_document(ncpeh::testing::fuzz::text_of(data, size))) {
        (void)ihe::parse_xcpd_response(doc->root());
    }
    return 0;
}
