#include "config/problem.hpp"

namespace ncpeh::config {

std::string problem::describe() const {
    std::string text = file;
    if (line > 0) {
        text += ":" + std::to_string(line);
    }
    text += ": ";
    if (!key.empty()) {
        text += key + ": ";
    }
    return text + message;
}

}  // namespace ncpeh::config
