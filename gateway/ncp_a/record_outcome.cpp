#include "gateway/ncp_a/record_outcome.hpp"

#include <optional>

namespace ncpeh::gateway::ncp_a {

namespace {

audit::audit_event event_of(const exchange& ex, const transaction_outcome& outcome) {
    audit::audit_event event;
    event.at = ex.received_at;
    event.transaction = std::string(outcome.transaction);
    event.partner_country = ex.caller.country;
    event.message_id = ex.request.envelope.headers().message_id;
    event.response_message_id = ex.response_message_id;
    event.partner_address = ex.caller.remote_address;
    event.partner_certificate_cn = ex.caller.certificate_common_name;
    if (outcome.assertions != nullptr) {
        const auto& hcp = outcome.assertions->hcp();
        event.hcp_assertion_id = hcp.id;
        event.requester = hcp.subject_id.value_or("");
        event.requester_role = hcp.role ? hcp.role->code : "";
        // The pharmacy abroad, for the patient's access log (the assertion's own words).
        event.requester_organisation = hcp.organization.value_or("");
        if (outcome.assertions->trc()) {
            event.trc_assertion_id = outcome.assertions->trc()->id;
        }
    }
    event.patient_id = outcome.patient_id;
    event.document_ids = outcome.document_ids;
    if (outcome.failure != nullptr) {
        event.outcome = audit::outcome::failure;
        event.error_code = std::string(ehdsi_code(outcome.failure->code));
        event.error_name = std::string(name_of(outcome.failure->code));
    }
    return event;
}

}  // namespace

boost::asio::awaitable<result<void>> record_start(responder_services& services, const exchange& ex,
                                                  const transaction_outcome& outcome) {
    audit::audit_event event = event_of(ex, outcome);
    event.at = std::chrono::system_clock::now();
    event.outcome = audit::outcome::started;
    auto recorded = co_await services.audit.record(std::move(event));
    if (!recorded) {
        ex.logger.error("audit.failed", {{"reason", recorded.error().message}});
    }
    co_return recorded;
}

boost::asio::awaitable<result<void>> record_outcome(responder_services& services,
                                                    const exchange& ex,
                                                    const transaction_outcome& outcome) {
    auto recorded = co_await services.audit.record(event_of(ex, outcome));
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now() - ex.received_at);
    // What the partner gets: the transaction's error, or the audit trail's when it failed.
    const std::optional<error> audit_failure =
        recorded ? std::nullopt : std::optional<error>(recorded.error());
    const error* answered = audit_failure ? &*audit_failure : outcome.failure;
    const std::string code = answered != nullptr ? std::string(name_of(answered->code)) : "";
    const std::string detail =
        answered != nullptr && is_internal_cause(answered->code) ? answered->message : "";
    ex.logger.write(answered == nullptr ? log::level::info : log::level::warn, "ncp_a.transaction",
                    {{"partner", ex.caller.country},
                     {"transaction", std::string(outcome.transaction)},
                     {"outcome", answered == nullptr ? "success" : "failure"},
                     {"code", code},
                     {"detail", detail},
                     {"documents", static_cast<std::int64_t>(outcome.document_ids.size())},
                     {"us", static_cast<std::int64_t>(elapsed.count())},
                     {"audited", recorded.has_value()}});
    if (!recorded) {
        ex.logger.error("audit.failed", {{"reason", recorded.error().message}});
    }
    if (services.metrics != nullptr) {
        services.metrics->count_transaction("inbound", outcome.transaction, ex.caller.country,
                                            answered, elapsed);
    }
    co_return recorded;
}

}  // namespace ncpeh::gateway::ncp_a
