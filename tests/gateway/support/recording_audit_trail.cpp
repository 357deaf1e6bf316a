#include "tests/gateway/support/recording_audit_trail.hpp"

#include <algorithm>

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

result<std::vector<gateway::audit::audit_event>> recording_audit_trail::newest(
    std::size_t limit) const {
    std::vector<gateway::audit::audit_event> out(events.rbegin(), events.rend());
    out.resize(std::min(limit, out.size()));
    return out;
}

result<std::vector<gateway::audit::transaction_count>> recording_audit_trail::count_transactions(
    std::chrono::system_clock::time_point, std::chrono::system_clock::time_point) const {
    return make_error(errc::not_available_yet, "the recording audit trail does not count");
}

result<gateway::audit::patient_access_page> recording_audit_trail::patient_access(
    const gateway::audit::patient_access_query&) const {
    return make_error(errc::not_available_yet,
                      "the recording audit trail has no access log (sqlite_audit_trail has)");
}

}  // namespace ncpeh::testing
