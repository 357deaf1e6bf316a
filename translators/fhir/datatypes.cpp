#include "translators/fhir/datatypes.hpp"

namespace ncpeh::translators::fhir {

const extension* find_extension(const std::vector<extension>& list, std::string_view url) noexcept {
    for (const auto& e : list) {
        if (e.url == url) {
            return &e;
        }
    }
    return nullptr;
}

}  // namespace ncpeh::translators::fhir
