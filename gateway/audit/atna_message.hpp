#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/audit/audit_event.hpp"

namespace ncpeh::gateway::audit {

/// Who writes the ATNA messages: fixed for the life of the process.
struct atna_source {
    /// `AuditSourceID` and `AuditEnterpriseSiteID`: the ISO 3166 code (or 3166-2 subdivision)
    /// of this NCP, e.g. "SE".
    std::string site_id;
    /// CN of our own TLS certificate: the service provider of country A, the service consumer
    /// of country B.
    std::string tls_common_name;
    /// Our host name or address, as partners reach us (`NetworkAccessPointID`).
    std::string host;
};

/// How one transaction of the audit trail is named in eHDSI audit messages
/// (trust-audit-operations.md §4.1-4.2).
struct atna_event_kind {
    std::string_view ehdsi_code;       ///< "EHDSI-11", "EHDSI-32", …, "EHDSI-CF"
    std::string_view ehdsi_name;       ///< "IdentityService::FindIdentityByTraits", …
    std::string_view ihe_transaction;  ///< "ITI-55", …; empty when none
    std::string_view ihe_name;         ///< "Cross Gateway Patient Discovery", …
    std::string_view event_id;         ///< DCM code: 110112 query, 110106 export, 110107 import
    std::string_view event_id_name;    ///< "Query", "Export", "Import", "User Authenticated"
    std::string_view action;           ///< EventActionCode: E, R, C, U, D
    bool we_provide = true;            ///< country A: the partner calls us
};

/// The ATNA messages one audit event yields, in order, as kinds: none for events that are no
/// cross-border transaction (e.g. "ops-unmask") and for the `started` mark of one; else the
/// transaction's own kind ("xcpd" EHDSI-11, "xca-list" 31, "xca-retrieve" 32, "xdr-dispense"
/// 41, "xdr-discard" 42, their "ncp-b-" calls, "ncp-b-session" 91), followed by EHDSI-94 when a
/// country-A retrieve returned documents (each is a pivot translation of ours) and by EHDSI-92
/// when a country-B call carried a TRC assertion (which we issued for it). A country-B call
/// that failed because the partner could not be reached (`foreign_ncp_unreachable`,
/// `foreign_ncp_timeout`) is an eHDSI communication failure: EHDSI-CF instead of its code.
std::vector<atna_event_kind> atna_kinds_of(const audit_event& event);

/// The DICOM audit message (PS3.15 A.5, as eHDSI profiles ATNA) of `event` as `kind`: the
/// event (IHE and eHDSI codes, outcome 0, or 8 with the eHDSI error), the active participants
/// (human requestor with role, point of care by organisation, service consumer and provider by
/// TLS CN and address), the audit source, the patient (type 1, role 1, CX), the documents, the
/// error, and the request and response message ids (`req`/`rsp`, "eHealth DSI Msg"). Every value
/// is escaped; nothing but the event is read.
std::string atna_message(const audit_event& event, const atna_event_kind& kind,
                         const atna_source& source);

/// `atna_message` for each of `atna_kinds_of(event)`.
std::vector<std::string> atna_messages(const audit_event& event, const atna_source& source);

}  // namespace ncpeh::gateway::audit
