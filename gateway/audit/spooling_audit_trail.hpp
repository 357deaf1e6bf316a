#pragma once

#include <functional>

#include "gateway/audit/atna_spool.hpp"
#include "gateway/audit/audit_trail.hpp"

namespace ncpeh::gateway::audit {

/// An audit trail that is also the ATNA spool of its events (the messages are written in the
/// transaction that stores the event): what `ncpeh serve` opens (`open_audit_trail`), embedded
/// (`sqlite_audit_trail`) or shared by several instances (`postgres_audit_trail`).
class spooling_audit_trail : public audit_trail, public atna_spool {
  public:
    /// From now on, the messages `render` makes of each event are spooled with it, and
    /// `on_spooled` is called (right after the commit, on a thread of the trail or the one that
    /// resumes the `record`, quickly: it must not block) whenever some were. Empty functions stop
    /// both; once this returns, the previous `on_spooled` is not called any more.
    virtual void spool_for_atna(atna_renderer render, std::function<void()> on_spooled) = 0;
};

}  // namespace ncpeh::gateway::audit
