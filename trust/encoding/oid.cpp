#include "trust/encoding/oid.hpp"

namespace ncpeh::trust::encoding {

bool is_oid(std::string_view text) noexcept {
    if (text.size() < 3 || text[0] < '0' || text[0] > '2' || text[1] != '.') {
        return false;
    }
    std::size_t arc_start = 2;
    for (std::size_t i = 2; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '.') {
            const std::size_t length = i - arc_start;
            if (length == 0 || (length > 1 && text[arc_start] == '0')) {
                return false;
            }
            arc_start = i + 1;
        } else if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return true;
}

}  // namespace ncpeh::trust::encoding
