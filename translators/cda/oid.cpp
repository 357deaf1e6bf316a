#include "translators/cda/oid.hpp"

namespace ncpeh::translators::cda {

bool is_oid(std::string_view text) noexcept {
    if (text.empty() || text.front() == '.' || text.back() == '.' ||
        text.find("..") != std::string_view::npos) {
        return false;
    }
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || c == '.')) {
            return false;
        }
    }
    return true;
}

}  // namespace ncpeh::translators::cda
