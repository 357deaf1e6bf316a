#include "config/problem.hpp"

namespace ncpeh::config {

std::string problem::describe() const {
    // Built with append: GCC 12 at -O3 misreports `std::string + ...` chains here (-Wrestrict).
    std::string text = file;
    if (line > 0) {
        text.append(":").append(std::to_string(line));
    }
    text.append(": ");
    if (!key.empty()) {
        text.append(key).append(": ");
    }
    text.append(message);
    return text;
}

}  // namespace ncpeh::config
