#include "gateway/ncp_b/record_call.hpp"

#include "gateway/audit/audit_event.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/ncp_b/pharmacist_assertions.hpp"

namespace ncpeh::gateway::ncp_b {

void note_partner(call_outcome& outcome, const partner_endpoint& partner,
                  const result<partner_answer>& answer) {
    outcome.partner_address = host_of(partner);
    if (answer) {
        outcome.partner_certificate_cn = answer->server_certificate_cn;
        outcome.response_message_id = answer->envelope.headers().message_id;
    }
}

boost::asio::awaitable<result<void>> record_call(country_b_services& services,
                                                 const pharmacist_session& session,
                                                 const call_outcome& outcome) {
    audit::audit_event event;
    event.at = std::chrono::system_clock::now();
    event.transaction = std::string(outcome.transaction);
    event.partner_country = std::string(outcome.country);
    event.message_id = outcome.message_id;
    event.hcp_assertion_id =
        outcome.hcp_assertion_id.empty() ? session.hcp_assertion_id : outcome.hcp_assertion_id;
    event.trc_assertion_id = outcome.trc_assertion_id;
    event.requester = session.pharmacist.name;
    event.requester_role = std::string(isco_role_of(session.pharmacist.profession).value_or(""));
    event.requester_organisation = session.pharmacy.name;  // as the HCP assertion names it
    event.patient_id = outcome.patient_id;
    event.document_ids = outcome.document_ids;
    event.outcome = outcome.failure ? audit::outcome::failure : audit::outcome::success;
    event.partner_address = outcome.partner_address;
    event.partner_certificate_cn = outcome.partner_certificate_cn;
    event.response_message_id = outcome.response_message_id;
    if (outcome.failure) {
        event.error_code = std::string(ehdsi_code(outcome.failure->code));
        event.error_name = std::string(name_of(outcome.failure->code));
    }
    auto recorded = co_await services.audit.record(std::move(event));
    const log::logger logger(outcome.message_id);
    if (outcome.failure) {
        logger.info("ncp_b.call", {{"transaction", outcome.transaction},
                                   {"country", outcome.country},
                                   {"session", session.id},
                                   {"outcome", "failure"},
                                   {"error", name_of(outcome.failure->code)},
                                   {"remote_code", outcome.failure->context_value("remote_code")},
                                   {"audited", recorded.has_value()}});
    } else {
        logger.info("ncp_b.call",
                    {{"transaction", outcome.transaction},
                     {"country", outcome.country},
                     {"session", session.id},
                     {"outcome", "success"},
                     {"documents", static_cast<std::int64_t>(outcome.document_ids.size())},
                     {"audited", recorded.has_value()}});
    }
    if (services.metrics != nullptr && !outcome.country.empty()) {
        // Labelled like inbound transactions (`xca-list`, …): the direction label tells them
        // apart, as the `ncp-b-` prefix does in the audit trail.
        std::string_view transaction = outcome.transaction;
        if (transaction.starts_with(audited::prefix)) {
            transaction.remove_prefix(audited::prefix.size());
        }
        services.metrics->count_transaction("outbound", transaction, outcome.country,
                                            outcome.failure ? &*outcome.failure : nullptr,
                                            std::chrono::steady_clock::now() - outcome.started);
    }
    co_return recorded;
}

}  // namespace ncpeh::gateway::ncp_b
