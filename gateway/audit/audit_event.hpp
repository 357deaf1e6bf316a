#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace ncpeh::gateway::audit {

/// How a transaction ended, or that a change to the national side has begun: a `started` event
/// is committed before the national store is asked to change anything, and the transaction's
/// `success` or `failure` event follows with the same message id. A `started` event without a
/// follower says that the process ended in between: the store may or may not hold the change.
enum class outcome { started, success, failure };

/// One cross-border transaction as the audit trail keeps it (trust-audit-operations.md §4:
/// who asked, for which patient, what was returned or written, and how it ended).
/// The audit trail is the one place personal data (the patient id, the professional's name) is
/// stored on purpose; it is never copied into logs.
struct audit_event {
    std::chrono::system_clock::time_point at;
    std::string transaction;      ///< "xcpd", "xca-list", "xca-retrieve", "xdr-dispense", …
    std::string partner_country;  ///< from the TLS client certificate
    std::string message_id;       ///< the request's wsa:MessageID
    std::string hcp_assertion_id;
    std::string trc_assertion_id;
    std::string requester;       ///< HCP subject-id (personal data)
    std::string requester_role;  ///< ISCO code
    /// The HCP assertion's organisation: the pharmacy abroad (country A), or ours (country B).
    std::string requester_organisation = {};
    std::string patient_id;  ///< CX of the patient (personal data); empty when unknown
    std::vector<std::string> document_ids;  ///< documents listed, returned or submitted
    audit::outcome outcome = audit::outcome::success;
    std::string error_code;  ///< the eHDSI wire code sent back, empty on success
    std::string error_name;  ///< `name_of(errc)`, empty on success
    // For the ATNA message only (gateway/audit/atna_message.hpp), not kept in the audit table:
    std::string response_message_id = {};     ///< the answer's wsa:MessageID, empty when unknown
    std::string partner_address = {};         ///< the partner's IP address or host name
    std::string partner_certificate_cn = {};  ///< CN of the partner's TLS certificate
};

/// "started" / "success" / "failure".
std::string_view name_of(outcome o) noexcept;

/// The outcome named `name`; `failure` for anything else.
outcome outcome_from_name(std::string_view name) noexcept;

/// `document_ids` as the audit tables keep them: separated by single spaces (an id holds none).
std::string join_document_ids(const std::vector<std::string>& ids);

/// The ids `join_document_ids` wrote.
std::vector<std::string> split_document_ids(const std::string& text);

}  // namespace ncpeh::gateway::audit
