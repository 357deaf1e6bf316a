// Fuzz target: the ePrescription reader (translators/cda), as country B reads the L3 document a
// foreign NCP-A retrieved and country A reads its own. Each input is a CDA document.
#include <cstddef>
#include <cstdint>

#include "tests/support/fuzz_input.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
namespace xml = ncpeh::trust::xml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (const auto doc = xml::parse_document(ncpeh::testing::fuzz::text_of(data, size))) {
        (void)cda::read_eprescription(*doc);
    }
    return 0;
}
