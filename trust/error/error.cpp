#include "trust/error/error.hpp"

#include <ostream>

namespace ncpeh {

std::string_view error::context_value(std::string_view key) const noexcept {
    for (const auto& entry : context) {
        if (entry.key == key) {
            return entry.value;
        }
    }
    return {};
}

std::string error::describe() const {
    std::string text;
    text.append(name_of(code)).append(" (").append(ehdsi_code(code)).append("): ");
    text.append(message);
    if (!context.empty()) {
        text.append(" [");
        for (std::size_t i = 0; i < context.size(); ++i) {
            if (i != 0) {
                text.append(", ");
            }
            text.append(context[i].key).append("=").append(context[i].value);
        }
        text.append("]");
    }
    return text;
}

std::ostream& operator<<(std::ostream& out, const error& e) {
    return out << e.describe();
}

void throw_exception_from_error(const error& e, const boost::source_location& /*loc*/) {
    throw error_exception(e);
}

}  // namespace ncpeh
