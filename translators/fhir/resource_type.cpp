#include "translators/fhir/resource_type.hpp"

#include <string>

namespace ncpeh::translators::fhir {

bool check_resource_type(json_reader& reader, std::string_view expected) {
    auto type = reader.string("resourceType");
    if (type != expected) {
        return reader.fail("resourceType must be \"" + std::string(expected) + "\", not \"" + type +
                           "\"");
    }
    return true;
}

}  // namespace ncpeh::translators::fhir
