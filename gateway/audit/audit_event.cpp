#include "gateway/audit/audit_event.hpp"

namespace ncpeh::gateway::audit {

std::string_view name_of(outcome o) noexcept {
    return o == outcome::success ? "success" : "failure";
}

}  // namespace ncpeh::gateway::audit
