#include "gateway/audit/audit_event.hpp"

namespace ncpeh::gateway::audit {

std::string_view name_of(outcome o) noexcept {
    switch (o) {
        case outcome::started:
            return "started";
        case outcome::success:
            return "success";
        case outcome::failure:
            break;
    }
    return "failure";
}

outcome outcome_from_name(std::string_view name) noexcept {
    if (name == "started") {
        return outcome::started;
    }
    return name == "success" ? outcome::success : outcome::failure;
}

}  // namespace ncpeh::gateway::audit
