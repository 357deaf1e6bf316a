#pragma once

#include <vector>

#include "gateway/audit/audit_trail.hpp"

namespace ncpeh::testing {

/// An audit trail that keeps the events in memory, in order, for unit tests of the stages;
/// `failing` makes every `record` fail as an unavailable trail does. Not thread-safe.
class recording_audit_trail final : public gateway::audit::audit_trail {
  public:
    boost::asio::awaitable<result<void>> record(gateway::audit::audit_event event) override;
    result<void> check_writable() const override;
    result<std::vector<gateway::audit::audit_event>> newest(std::size_t limit) const override;
    result<std::vector<gateway::audit::transaction_count>> count_transactions(
        std::chrono::system_clock::time_point from,
        std::chrono::system_clock::time_point to) const override;
    result<gateway::audit::patient_access_page> patient_access(
        const gateway::audit::patient_access_query& query) const override;

    std::vector<gateway::audit::audit_event> events;
    bool failing = false;
};

}  // namespace ncpeh::testing
