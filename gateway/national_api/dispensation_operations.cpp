#include <boost/beast/http/field.hpp>
#include <boost/json/object.hpp>

#include "gateway/national_api/api_operations.hpp"
#include "gateway/national_api/request_bodies.hpp"
#include "gateway/ncp_b/call_xca_retrieve/retrieve_eprescription.hpp"
#include "gateway/ncp_b/call_xdr/submit_dispensation.hpp"
#include "trust/xml/date_time.hpp"

namespace ncpeh::gateway::national_api {

namespace json = boost::json;
namespace http = boost::beast::http;

namespace {

std::string rfc3339(ncp_b::outbox_time t) {
    return trust::xml::format_date_time(std::chrono::time_point_cast<std::chrono::milliseconds>(t));
}

json::object record_json(const ncp_b::outbox_record& r) {
    json::object out{{"id", r.id},
                     {"kind", ncp_b::name_of(r.entry.kind)},
                     {"status", ncp_b::name_of(r.status)},
                     {"country", r.entry.country},
                     {"documentId", r.entry.prescription_document_id},
                     {"edDocumentId", r.entry.ed_document_id},
                     {"dispatchId", r.entry.dispatch_id},
                     {"createdAt", rfc3339(r.created_at)},
                     {"attempts", r.attempts}};
    if (!r.entry.discards_id.empty()) {
        out["discards"] = r.entry.discards_id;
    }
    if (r.last_attempt_at) {
        out["lastAttemptAt"] = rfc3339(*r.last_attempt_at);
    }
    if (r.status == ncp_b::outbox_status::queued && r.attempts > 0) {
        out["nextAttemptAt"] = rfc3339(r.next_attempt_at);
    }
    if (r.delivered_at) {
        out["deliveredAt"] = rfc3339(*r.delivered_at);
    }
    if (r.last_error) {
        out["error"] =
            json::object{{"code", r.last_error->code}, {"message", r.last_error->message}};
    }
    return out;
}

// 200 for a report seen before, 201 when the foreign NCP-A acknowledged it, 202 while queued;
// refused by the foreign NCP-A on the first attempt: its error (the record is failed for good).
result<api_reply> accepted_reply(const ncp_b::accepted_dispensation& accepted) {
    const auto& r = accepted.record;
    if (!accepted.replayed && r.status == ncp_b::outbox_status::failed && r.last_error) {
        return make_error(
                   errc_from_name(r.last_error->code).value_or(errc::foreign_ncp_refused),
                   "the patient's country refused the eDispensation: " + r.last_error->message)
            .with("dispensation", r.id);
    }
    const unsigned status = accepted.replayed                                           ? 200
                            : accepted.record.status == ncp_b::outbox_status::delivered ? 201
                                                                                        : 202;
    json::object body = record_json(accepted.record);
    // Not tried because the partner is held (found unreachable moments ago): say why it waits.
    if (const auto& first = accepted.first_attempt;
        !body.contains("error") && first && first->error) {
        body["error"] =
            json::object{{"code", first->error->code}, {"message", first->error->message}};
    }
    return api_reply{status,
                     std::move(body),
                     {},
                     {},
                     "/national/v1/foreign-dispensations/" + accepted.record.id};
}

}  // namespace

boost::asio::awaitable<result<api_reply>> submit_dispensation(const api_call& call) {
    auto report =
        read_dispensation_request(call.request[http::field::content_type], call.request.body());
    if (!report) {
        co_return report.error();
    }
    auto& sessions = call.context.sessions;
    identified_patient patient{report->country, report->patient_id};
    auto known = co_await sessions.identified(call.opened->id, std::move(patient));
    if (!known) {
        co_return known.error();
    }
    if (!*known) {
        co_return make_error(errc::insufficient_rights,
                             "the patient was not identified in this session: call "
                             "POST foreign-patients/$identify first")
            .with("element", "dispensation.patientId");
    }
    // The prescription as retrieved in this session (its country may be down now), else
    // retrieved again.
    std::string prescription;
    auto kept =
        co_await sessions.find_document(call.opened->id, report->country, report->document_id);
    if (!kept) {
        co_return kept.error();
    }
    if (*kept && (*kept)->patient_id == report->patient_id) {
        prescription = std::move((*kept)->cda);
    } else {
        // A named request, not a braced temporary in the co_await expression: with GCC 12 the
        // temporary's destructor freed a string's inline buffer inside the coroutine frame, and
        // ncpeh died on every dispensation of a prescription not viewed in the session (found
        // by scripts/soak; ASan: "attempting free on address which was not malloc()-ed").
        const ncp_b::retrieve_request asked{
            report->country, report->patient_id, report->document_id, {}};
        auto retrieved = co_await ncp_b::retrieve_eprescription(
            call.context.settings, call.context.services, *call.opened, asked);
        if (!retrieved) {
            co_return retrieved.error();
        }
        prescription = std::move(retrieved->cda);
    }
    auto accepted = co_await ncp_b::submit_dispensation(
        call.context.settings, call.context.services, *call.opened, *report, prescription);
    if (!accepted) {
        co_return accepted.error();
    }
    co_return accepted_reply(*accepted);
}

boost::asio::awaitable<result<api_reply>> dispensation_status(const api_call& call) {
    auto found = co_await call.context.services.outbox.find(call.route.path_parameters.at(0),
                                                            call.pharmacy.gln);
    if (!found) {
        co_return found.error();
    }
    co_return api_reply{200, record_json(*found), {}, {}, {}};
}

boost::asio::awaitable<result<api_reply>> discard_dispensation(const api_call& call) {
    auto accepted = co_await ncp_b::submit_discard(call.context.settings, call.context.services,
                                                   *call.opened, call.route.path_parameters.at(0));
    if (!accepted) {
        co_return accepted.error();
    }
    co_return accepted_reply(*accepted);
}

}  // namespace ncpeh::gateway::national_api
