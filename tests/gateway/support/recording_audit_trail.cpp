#include "tests/gateway/support/recording_audit_trail.hpp"

namespace ncpeh::testing {

boost::asio::awaitable<result<void>> recording_audit_trail::record(
    gateway::audit::audit_event event) {
    if (failing) {
        co_return make_error(errc::internal, "the audit trail is unavailable");
    }
    events.push_back(std::move(event));
    co_return result<void>{};
}

result<void> recording_audit_trail::check_writable() const {
    if (failing) {
        return make_error(errc::internal, "the audit trail is unavailable");
    }
    return {};
}

}  // namespace ncpeh::testing
