// Fuzz target (gateway/ihe): the XDR request parser, ProvideAndRegisterDocumentSetRequest from a
// foreign NCP-B (eDispensation or discard). Each input is either the SOAP body's root element, or a
// whole HTTP message (the Content-Type header value, a line end, the body:
// tests/support/fuzz_input.hpp) whose MTOM attachments the reader resolves.
#include <cstddef>
#include <cstdint>

#include "gateway/ihe/xdr_request.hpp"
#include "tests/gateway/ihe/ihe_fuzz.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace soap = ncpeh::gateway::soap;
namespace fuzz = ncpeh::testing::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::parse_body_or_message(
        fuzz::text_of(data, size), soap::message_direction::request,
        [](const xmlNode& root, const soap::multipart_related* attachments) {
            return ihe::parse_xdr_request(root, attachments);
        });
    return 0;
}
