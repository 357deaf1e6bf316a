#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/audit/audit_event.hpp"

namespace ncpeh::gateway::audit {

/// A row of the audit trail in the order of a patient's access log (newest first): its time,
/// then its sequence number for rows of the same millisecond. A page continues after it.
struct access_cursor {
    std::int64_t at_ms = 0;
    std::int64_t seq = 0;
    friend bool operator==(const access_cursor&, const access_cursor&) = default;
};

/// "AT_MS.SEQ", e.g. "1795000000123.42": opaque to callers, who hand it back as it came.
std::string format_access_cursor(const access_cursor& cursor);

/// The cursor `format_access_cursor` wrote; nullopt for anything else (digits only, both parts
/// at most 18 digits, nothing around them).
std::optional<access_cursor> parse_access_cursor(std::string_view text);

/// One page of the events about one patient: a Swedish patient's cross-border access log.
struct patient_access_query {
    /// The patient's CX (`ext^^^&root&ISO`, as `ihe::format_patient_id` writes it), matched
    /// exactly: never a prefix, substring or another root.
    std::string patient_id;
    /// The transactions wanted (`audit_event::transaction` names); empty: none.
    std::vector<std::string> transactions;
    /// Continue after this row (older rows only); nullopt: from the newest.
    std::optional<access_cursor> after;
    /// Rows per page, at least 1.
    std::size_t limit = 20;
};

/// A page of `patient_access_query`. A `started` row (a change to the national side begun) is
/// left out when its transaction's `success` or `failure` row (same message id, transaction and
/// patient) follows it; one without a follower stays: the process ended in between, and whether
/// the change was made is not known.
struct patient_access_page {
    std::vector<audit_event> events;    ///< newest first
    std::optional<access_cursor> next;  ///< where the next page starts; nullopt: no more rows
};

}  // namespace ncpeh::gateway::audit
