#pragma once

#include "gateway/audit/audit_event.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::audit {

/// Where the gateway records every cross-border transaction before it answers. The embedded
/// implementation is `sqlite_audit_trail`; the full trail (ATNA export, retention, operator
/// queries) builds on this interface. Implementations are thread-safe.
class audit_trail {
  public:
    virtual ~audit_trail() = default;

    /// Stores `event` durably. Errors: `errc::internal` when it cannot be stored — the caller
    /// then fails the transaction (no unaudited answer leaves the gateway).
    virtual result<void> record(const audit_event& event) = 0;
};

}  // namespace ncpeh::gateway::audit
