// Fuzz target (gateway/ihe): the XDR request parser, ProvideAndRegisterDocumentSetRequest from a
// foreign NCP-B (eDispensation or discard). Each input is either the SOAP body's root element, or a
// whole HTTP message (the Content-Type header value, a line end, the body:
// tests/support/fuzz_input.hpp) whose MTOM attachments the reader resolves.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "gateway/ihe/xdr_request.hpp"
#include "gateway/soap/message.hpp"
#include "tests/support/fuzz_input.hpp"
#include "trust/xml/document.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
namespace soap = ncpeh::gateway::soap;
namespace fuzz = ncpeh::testing::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = fuzz::text_of(data, size);
    if (fuzz::is_bare_xml(input)) {
        if (const auto doc = xml::parse_document(input)) {
            (void)ihe::parse_xdr_request(doc->root(), nullptr);
        }
        return 0;
    }
    const auto http = fuzz::split_content_type_line(input);
    if (const auto message = soap::decode_message(http.content_type, http.body, {},
                                                  soap::message_direction::request)) {
        (void)ihe::parse_xdr_request(message->envelope.body_root(), message->attachments());
    }
    return 0;
}
