// Fuzz target: the MTOM/XOP reader (gateway/soap): the Content-Type header, the multipart/related
// splitter, cid: URLs and xop:Include resolution, as `decode_message` runs them on an HTTP body.
// Each input is the Content-Type header value, a line end, then the body
// (tests/support/fuzz_input.hpp).
#include <cstddef>
#include <cstdint>
#include <string>

#include "gateway/soap/message.hpp"
#include "gateway/soap/multipart.hpp"
#include "gateway/soap/xop.hpp"
#include "tests/support/fuzz_input.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;

namespace {

// Asks for the binary content of every element of the body, as the IHE readers do for
// xds:Document, so xop:Include and inline base64 are both read.
void read_contents(const xmlNode& node, const soap::multipart_related* attachments,
                   unsigned& budget) {
    if (budget == 0) {
        return;
    }
    --budget;
    (void)soap::binary_content(node, attachments);
    for (const xmlNode* child : xml::child_elements(node)) {
        read_contents(*child, attachments, budget);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input =
        ncpeh::testing::fuzz::split_content_type_line(ncpeh::testing::fuzz::text_of(data, size));
    if (const auto type = soap::parse_content_type(input.content_type)) {
        if (const auto message = soap::parse_multipart_related(*type, input.body)) {
            for (const soap::mime_part& part : message->parts) {
                (void)message->find(part.content_id);
                (void)soap::content_id_of_cid_url("cid:" + part.content_id);
            }
            (void)message->root_part();
        }
    }
    for (const auto direction :
         {soap::message_direction::request, soap::message_direction::response}) {
        if (const auto decoded =
                soap::decode_message(input.content_type, input.body, {}, direction)) {
            unsigned budget = 64;
            read_contents(decoded->envelope.body_root(), decoded->attachments(), budget);
        }
    }
    return 0;
}
