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

bool is_internal_cause(errc code) noexcept {
    switch (code) {
        case errc::national_store_unreachable:
        case errc::national_data_access_failure:
        case errc::config_invalid:
        case errc::not_available_yet:
        case errc::storage_unavailable:
        case errc::internal:
            return true;
        default:
            return false;
    }
}

std::string_view message_for_partner(const error& e) noexcept {
    switch (e.code) {
        case errc::national_store_unreachable:
            return "the national prescription service is not available; try again later";
        case errc::national_data_access_failure:
            return "the national prescription service could not answer the request";
        default:
            break;
    }
    return is_internal_cause(e.code) ? "an internal error occurred; try again later"
                                     : std::string_view(e.message);
}

std::ostream& operator<<(std::ostream& out, const error& e) {
    return out << e.describe();
}

void throw_exception_from_error(const error& e, const boost::source_location& /*loc*/) {
    throw error_exception(e);
}

}  // namespace ncpeh
