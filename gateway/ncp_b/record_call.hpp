#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/ncp_b/call_partner.hpp"
#include "gateway/ncp_b/care_setting.hpp"
#include "gateway/ncp_b/country_b.hpp"

namespace ncpeh::gateway::ncp_b {

/// The audit trail's names of the country-B transactions: a Swedish pharmacist's call to a
/// foreign NCP-A (the `ncp-b-` prefix keeps them apart from the calls we answer as country A).
namespace audited {
/// What every name below starts with.
inline constexpr std::string_view prefix = "ncp-b-";
inline constexpr std::string_view session = "ncp-b-session";
inline constexpr std::string_view xcpd = "ncp-b-xcpd";
inline constexpr std::string_view xca_list = "ncp-b-xca-list";
inline constexpr std::string_view xca_retrieve = "ncp-b-xca-retrieve";
inline constexpr std::string_view xdr_dispense = "ncp-b-xdr-dispense";
inline constexpr std::string_view xdr_discard = "ncp-b-xdr-discard";
}  // namespace audited

/// What one country-B call did.
struct call_outcome {
    std::string_view transaction;  ///< one of `audited`
    std::string_view country;      ///< the partner called
    std::string message_id = {};   ///< our wsa:MessageID, empty when nothing was sent
    std::string trc_assertion_id = {};
    std::string hcp_assertion_id = {};  ///< the call's; empty: the session's
    std::string patient_id = {};        ///< CX (personal data: audit only)
    std::vector<std::string> document_ids = {};
    std::optional<error> failure = {};
    // Who answered, for the ATNA message (`note_partner`):
    std::string partner_address = {};         ///< the partner URL's host
    std::string partner_certificate_cn = {};  ///< CN of its TLS server certificate
    std::string response_message_id = {};     ///< its answer's wsa:MessageID
    /// When the call began: the outcome is made just before the partner is called.
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

/// Notes in `outcome` who was called and who answered: the host of `partner`'s URL and, when
/// there is an answer, its TLS server certificate's CN and its wsa:MessageID.
void note_partner(call_outcome& outcome, const partner_endpoint& partner,
                  const result<partner_answer>& answer);

/// Records the call in the audit trail (requester = the pharmacist, role = the ISCO code), logs
/// one line without personal data ("ncp_b.call") and counts it in `services.metrics` as an
/// "outbound" transaction (`xcpd`, `xca-list`, … without the audit name's `ncp-b-` prefix) with
/// the partner called, the outcome and the error's name, and its time since `outcome.started`.
/// Errors: the audit trail's — the caller must then not hand the result to the pharmacist (fail
/// closed).
boost::asio::awaitable<result<void>> record_call(country_b_services& services,
                                                 const pharmacist_session& session,
                                                 const call_outcome& outcome);

}  // namespace ncpeh::gateway::ncp_b
