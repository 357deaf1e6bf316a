// Fuzz target: the FHIR JSON reader (translators/fhir): the national prescription store's
// answers and the pharmacies' dispensations as JSON text, read as a resource and as a bundle.
// What is read must be written and read back to the same model (to_json keeps even the
// resources and members the model does not type).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "tests/support/fuzz_input.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"

namespace fhir = ncpeh::translators::fhir;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto json = fhir::parse_json_text(ncpeh::testing::fuzz::text_of(data, size));
    if (!json) {
        return 0;
    }
    if (const auto resource = fhir::parse_resource(*json)) {
        const auto again = fhir::parse_resource(fhir::to_json(*resource));
        if (!again) {
            std::abort();  // to_json wrote what parse_resource refuses
        }
    }
    if (const auto bundle = fhir::parse_bundle(*json)) {
        const auto again = fhir::parse_bundle(fhir::to_json(*bundle));
        if (!again || !(*again == *bundle)) {
            std::abort();  // the bundle did not survive a round trip
        }
    }
    return 0;
}
