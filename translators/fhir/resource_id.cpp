#include "translators/fhir/resource_id.hpp"

#include <algorithm>

namespace ncpeh::translators::fhir {

bool is_resource_id(std::string_view id) noexcept {
    constexpr std::size_t max_length = 64;
    return !id.empty() && id.size() <= max_length && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.';
    });
}

}  // namespace ncpeh::translators::fhir
