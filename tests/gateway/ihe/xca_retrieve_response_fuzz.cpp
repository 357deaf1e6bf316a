// Fuzz target (gateway/ihe): the XCA retrieve response parser, RetrieveDocumentSetResponse
// from a foreign NCP-A (country B). Each input is either the SOAP body's root element, or a whole
// HTTP message (the Content-Type header value, a line end, the body: tests/support/fuzz_input.hpp)
// whose MTOM attachments the reader resolves.
#include <cstddef>
#include <cstdint>

#include "gateway/ihe/xca_retrieve_response.hpp"
#include "tests/gateway/ihe/ihe_fuzz.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace soap = ncpeh::gateway::soap;
namespace fuzz = ncpeh::testing::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::parse_body_or_message(
        fuzz::text_of(data, size), soap::message_direction::response,
        [](const xmlNode& root, const soap::multipart_related* attachments) {
            return ihe::parse_xca_retrieve_response(root, attachments);
        });
    return 0;
}
