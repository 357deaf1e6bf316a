#pragma once

#include <memory>
#include <string>

#include "gateway/audit/spooling_audit_trail.hpp"

namespace ncpeh::testing {

// The behaviour every audit trail (and ATNA spool) shares, as one suite run against each
// implementation: tests/gateway/audit/audit_trail_test.cpp (SQLite) and
// postgres_audit_trail_integration_test.cpp (a real PostgreSQL). A test case makes a fresh
// backend and hands it to one check.

/// A fresh, empty database of one implementation.
class audit_trail_backend {
  public:
    virtual ~audit_trail_backend() = default;
    /// A trail on this backend's database, the same database at each call ("reopening" it);
    /// `instance` names the writer where the implementation keeps it. The embedded database
    /// belongs to one trail at a time: the previous one must be gone.
    virtual std::unique_ptr<gateway::audit::spooling_audit_trail> open(
        const std::string& instance = "instance-a") = 0;
};

/// Records then `newest`: newest first, every field kept, the async read the same.
void check_records_in_order(audit_trail_backend& backend);
/// Many coroutines on two threads: every event stored once.
void check_concurrent_records(audit_trail_backend& backend);
/// started, success and failure are kept as such.
void check_outcomes_kept(audit_trail_backend& backend);
/// `count_transactions`: by month (UTC), country, transaction and outcome, `started` left out,
/// `from` inclusive and `to` exclusive, in order.
void check_transaction_counts(audit_trail_backend& backend);
/// `patient_access`: one patient's country-A rows, newest first, paged with the cursor; other
/// identities (a longer number, another root, a swapped CX, SQL wildcards) never match.
void check_patient_access(audit_trail_backend& backend);
/// Rows of one millisecond page in order; a `started` row shows only without a follower.
void check_patient_access_same_millisecond(audit_trail_backend& backend);
/// The ATNA messages are spooled with their events, in order, and kept across a reopen.
void check_spool_written_with_events(audit_trail_backend& backend);
/// Delivery clears up to the last message sent; the rest stays in order; `backlog`.
void check_spool_delivery(audit_trail_backend& backend);
/// An event whose messages cannot be made is not stored either.
void check_spool_fails_with_event(audit_trail_backend& backend);

}  // namespace ncpeh::testing
