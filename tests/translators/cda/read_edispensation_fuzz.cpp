// Fuzz target: the eDispensation reader (translators/cda), as country A reads what a foreign
// NCP-B submits over XDR, as a dispensation and as a discard. Each input is a CDA document.
#include <cstddef>
#include <cstdint>

#include "tests/support/fuzz_input.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
namespace xml = ncpeh::trust::xml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (const auto doc = xml::parse_document(ncpeh::testing::fuzz::text_of(data, size))) {
        (void)cda::read_edispensation(*doc, false);
        (void)cda::read_edispensation(*doc, true);
    }
    return 0;
}
