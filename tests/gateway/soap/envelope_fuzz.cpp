// Fuzz target: the SOAP 1.2 envelope and WS-Addressing reader (gateway/soap), as requests and as
// answers of a foreign NCP. Each input is an envelope's XML.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "gateway/soap/envelope.hpp"
#include "tests/support/fuzz_input.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;

namespace {

void read(const soap::envelope& envelope) {
    const soap::addressing& headers = envelope.headers();
    std::size_t bytes = headers.action.size() + headers.message_id.size() + headers.to.size() +
                        headers.reply_to.size() + headers.relates_to.size();
    bytes += xml::local_name(envelope.body_root()).size();
    if (envelope.security() != nullptr && envelope.security_header_count() < 1) {
        std::abort();  // a Security header was found but not counted
    }
    (void)bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = ncpeh::testing::fuzz::text_of(data, size);
    const auto request = soap::parse_envelope(input, {});
    if (request) {
        read(*request);
    }
    const auto response = soap::parse_response_envelope(input, {});
    if (response) {
        read(*response);
    } else if (request) {
        std::abort();  // every valid request envelope is a valid response envelope
    }
    return 0;
}
