#include "samples/foreign-ncp/finland_ncp_a.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "gateway/ihe/hl7_time.hpp"
#include "gateway/ihe/registry_response.hpp"
#include "gateway/ihe/transaction.hpp"
#include "gateway/ihe/xca_query_request.hpp"
#include "gateway/ihe/xca_query_response.hpp"
#include "gateway/ihe/xca_retrieve_request.hpp"
#include "gateway/ihe/xca_retrieve_response.hpp"
#include "gateway/ihe/xcpd_request.hpp"
#include "gateway/ihe/xcpd_response.hpp"
#include "gateway/ihe/xdr_request.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/soap_reply.hpp"
#include "gateway/ncp_a/swedish_patient.hpp"
#include "gateway/ncp_a/xca_query/describe_documents.hpp"
#include "gateway/soap/request.hpp"
#include "gateway/soap/response.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "trust/saml/verify_assertions.hpp"

namespace ncpeh::samples::foreign_ncp {

namespace {

namespace http = boost::beast::http;
namespace ihe = gateway::ihe;
namespace ncp_a = gateway::ncp_a;
namespace cda = translators::cda;
using gateway::net::response;

constexpr std::string_view eprescription_class = "57833-6";

// The state one transaction carries through its stages.
struct context {
    const finland_settings& settings;
    trust::saml::replay_cache& replay;
    const ncp_a::exchange& ex;
};

result<trust::saml::verified_assertions> verify_caller(const context& c,
                                                       trust::saml::transaction tx) {
    const trust::saml::policy_context policy{tx, c.ex.received_at, c.ex.caller.country};
    return trust::saml::verify_assertions(c.ex.request.envelope.document(),
                                          *c.settings.assertion_anchors, policy, &c.replay);
}

// A transient failure on our (national) side: what --unavailable and --fail-first-xdr answer.
error registry_unreachable() {
    return make_error(errc::national_store_unreachable,
                      "the Finnish prescription registry could not be accessed");
}

// --- XCPD --------------------------------------------------------------------------------------

ihe::patient_match match_of(const cda::patient& patient, const ihe::instance_id& id) {
    ihe::patient_match match;
    match.id = id;
    if (!patient.name.empty()) {
        match.name = ihe::person_name{patient.name.family, patient.name.given};
    }
    if (!patient.gender.code.empty()) {
        match.gender = patient.gender.code;
    }
    if (!patient.birth_time.empty()) {
        match.birth_time = patient.birth_time.substr(0, 8);
    }
    if (!patient.addr.empty()) {
        ihe::postal_address address;
        address.street = patient.addr.street_lines.empty() ? "" : patient.addr.street_lines.front();
        address.city = patient.addr.city;
        address.postal_code = patient.addr.postal_code;
        address.country = patient.addr.country;
        match.address = std::move(address);
    }
    return match;
}

// Demographics sent with the id must not contradict the patient (only the parts given count).
bool demographics_agree(const ihe::xcpd_request& request, const ihe::patient_match& match) {
    if (request.birth_time && match.birth_time &&
        request.birth_time->substr(0, 8) != *match.birth_time) {
        return false;
    }
    return !(request.gender && match.gender && *request.gender != "UN" &&
             *request.gender != *match.gender);
}

response answer_xcpd(const context& c, std::string& code) {
    const auto& hcid = c.settings.home_community_id;
    std::string message_id = gateway::soap::make_uuid_urn();
    message_id.erase(0, std::string_view("urn:uuid:").size());
    const ihe::xcpd_responder responder{
        hcid, {hcid, message_id}, ihe::xds_time_of(c.ex.received_at)};
    const std::string action(ihe::response_action(ihe::transaction::xcpd));
    auto fail = [&](const ihe::xcpd_request& request, const error& e) {
        code = std::string(ehdsi_code(e.code));
        return ncp_a::soap_reply(c.ex, action, ihe::write_xcpd_error(request, responder, e));
    };
    const xmlNode& body = c.ex.request.envelope.body_root();
    auto verified = verify_caller(c, ihe::assertion_policy_of(ihe::transaction::xcpd));
    if (!verified) {
        auto partial = ihe::parse_xcpd_request(body);
        return fail(partial ? *partial : ihe::xcpd_request{}, verified.error());
    }
    auto request = ihe::parse_xcpd_request(body);
    if (!request) {
        return fail(ihe::xcpd_request{}, request.error());
    }
    if (request->receiver_device_id != hcid) {
        return fail(*request, make_error(errc::xcpd_wrong_receiver,
                                         "the request is addressed to another community")
                                  .with("receiver", request->receiver_device_id));
    }
    for (const ihe::instance_id& id : request->living_subject_ids) {
        const cda::patient* patient = c.settings.documents->find_patient({id.root, id.extension});
        if (patient == nullptr) {
            continue;
        }
        const std::vector<ihe::patient_match> matches{match_of(*patient, id)};
        if (!demographics_agree(*request, matches.front())) {
            break;
        }
        code = "OK";
        return ncp_a::soap_reply(c.ex, action,
                                 ihe::write_xcpd_matches(*request, responder, matches));
    }
    code = "NF";
    return ncp_a::soap_reply(c.ex, action, ihe::write_xcpd_no_match(*request, responder));
}

// --- XCA query ---------------------------------------------------------------------------------

// The XDS metadata of a served document: the project's description of an L3 pivot and its L1
// (`describe_documents`: class, format, event codes with ATC, dose form, strength,
// substitution), with the stored documents' own uniqueIds and Finland as the facility country.
ihe::document_pair entries_of(const context& c, const served_prescription& served,
                              const ihe::patient_id& patient) {
    ncp_a::responder_settings described;
    described.home_community_id = c.settings.home_community_id;
    described.repository_unique_id = c.settings.home_community_id;
    const translators::eprescription_l3::eprescription_model model{served.document, {}};
    ihe::document_pair pair =
        ncp_a::xca_query::describe_documents(described, model, patient, c.ex.received_at);
    pair.pivot.unique_id = served.unique_id;
    pair.original->unique_id = served.l1_unique_id;
    for (ihe::document_entry* entry : {&pair.pivot, &*pair.original}) {
        entry->healthcare_facility_type_code = {"FI", "1.0.3166.1", "Finland"};
        if (served.document.header.language_code.empty()) {
            entry->language_code = "fi-FI";
        }
    }
    if (served.l1_unique_id.empty()) {
        pair.original.reset();
    }
    return pair;
}

response answer_xca_query(const context& c, std::string& code) {
    ihe::xca_query_response answer;
    answer.home_community_id = c.settings.home_community_id;
    auto reply = [&] {
        return ncp_a::soap_reply(c.ex,
                                 std::string(ihe::response_action(ihe::transaction::xca_query)),
                                 ihe::write_xca_query_response(answer));
    };
    auto fail = [&](error e) {
        code = std::string(ehdsi_code(e.code));
        answer.errors.push_back(std::move(e));
        return reply();
    };
    auto verified = verify_caller(c, ihe::assertion_policy_of(ihe::transaction::xca_query));
    if (!verified) {
        return fail(verified.error());
    }
    auto query = ihe::parse_xca_query_request(c.ex.request.envelope.body_root());
    if (!query) {
        return fail(query.error());
    }
    if (std::none_of(query->class_codes.begin(), query->class_codes.end(),
                     [](const ihe::coded_value& v) { return v.code == eprescription_class; })) {
        return fail(make_error(errc::class_code_not_supported,
                               "this gateway answers ePrescription queries (class code "
                               "57833-6) only"));
    }
    auto trc = ncp_a::trc_patient(*verified);
    if (!trc) {
        return fail(trc.error());
    }
    if (auto same = ncp_a::check_patient_is_trc_patient(query->patient.id, *trc); !same) {
        return fail(same.error());
    }
    for (const served_prescription* served : c.settings.documents->prescriptions_of(*trc)) {
        answer.documents.push_back(entries_of(c, *served, *trc));
    }
    if (answer.documents.empty()) {
        return fail(make_warning(errc::no_eprescription_for_patient,
                                 "no ePrescription is registered for this patient"));
    }
    code = std::to_string(answer.documents.size()) + " documents";
    return reply();
}

// --- XCA retrieve ------------------------------------------------------------------------------

error missing_document(const ihe::document_request& request) {
    return make_error(errc::document_not_found,
                      "ERROR_GENERIC_DOCUMENT_MISSING : no such document in this repository")
        .with("document", request.document_unique_id);
}

// With the wrong_patient fault: a served document of anyone but `patient`.
const served_prescription* someone_else_than(const served_documents& documents,
                                             const ihe::patient_id& patient) {
    for (const served_prescription& p : documents.prescriptions()) {
        if (!belongs_to(p, patient)) {
            return &p;
        }
    }
    return nullptr;
}

response answer_xca_retrieve(const context& c, bool wrong_patient, std::string& code) {
    ihe::xca_retrieve_response answer;
    answer.home_community_id = c.settings.home_community_id;
    auto reply = [&] {
        if (code.empty()) {
            code =
                answer.errors.empty() ? "returned" : std::string(ehdsi_code(answer.errors[0].code));
        }
        return ncp_a::mtom_reply(
            c.ex, ihe::write_xca_retrieve_response(
                      answer, ncp_a::reply_headers(c.ex, std::string(ihe::response_action(
                                                             ihe::transaction::xca_retrieve)))));
    };
    auto fail = [&](error e) {
        answer.errors.push_back(std::move(e));
        return reply();
    };
    auto verified = verify_caller(c, ihe::assertion_policy_of(ihe::transaction::xca_retrieve));
    if (!verified) {
        return fail(verified.error());
    }
    auto requests = ihe::parse_xca_retrieve_request(c.ex.request.envelope.body_root());
    if (!requests) {
        return fail(requests.error());
    }
    auto trc = ncp_a::trc_patient(*verified);
    if (!trc) {
        return fail(trc.error());
    }
    for (const ihe::document_request& request : *requests) {
        const served_prescription* served =
            request.repository_unique_id == c.settings.home_community_id
                ? c.settings.documents->find_document(*trc, request.document_unique_id)
                : nullptr;
        if (served == nullptr) {
            answer.errors.push_back(missing_document(request));
            continue;
        }
        if (wrong_patient) {
            if (const served_prescription* other = someone_else_than(*c.settings.documents, *trc)) {
                answer.documents.push_back({request, "text/xml", other->content});
                continue;
            }
        }
        answer.documents.push_back(
            {request, "text/xml", *served->content_of(request.document_unique_id)});
    }
    return reply();
}

// --- XDR ---------------------------------------------------------------------------------------

// The eD must not name another patient under the TRC patient's assigning authority.
bool names_other_patient(const cda::edispensation_document& ed, const ihe::patient_id& trc) {
    return std::any_of(ed.header.patient.ids.begin(), ed.header.patient.ids.end(),
                       [&trc](const cda::instance_identifier& id) {
                           return id.root == trc.root && id.extension != trc.extension;
                       });
}

response answer_xdr(const context& c, received_dispensations& received,
                    std::atomic<unsigned>& xdr_seen, unsigned fail_first, std::string& code) {
    std::vector<error> errors;
    auto reply = [&] {
        code = errors.empty() ? "Success" : std::string(ehdsi_code(errors.front().code));
        return ncp_a::soap_reply(
            c.ex, std::string(ihe::response_action(ihe::transaction::xdr_submit)),
            ihe::write_registry_response(errors, c.settings.home_community_id));
    };
    auto fail = [&](error e) {
        errors.push_back(std::move(e));
        return reply();
    };
    auto submission =
        ihe::parse_xdr_request(c.ex.request.envelope.body_root(), c.ex.request.attachments());
    const bool discard = submission && submission->kind == ihe::submission_kind::discard;
    auto verified =
        verify_caller(c, ihe::assertion_policy_of(ihe::transaction::xdr_submit, discard));
    if (!verified) {
        return fail(verified.error());
    }
    if (!submission) {
        return fail(submission.error());
    }
    if (xdr_seen.fetch_add(1) < fail_first) {
        return fail(registry_unreachable());
    }
    auto trc = ncp_a::trc_patient(*verified);
    if (!trc) {
        return fail(trc.error());
    }
    if (auto same = ncp_a::check_patient_is_trc_patient(submission->source_patient.id, *trc);
        !same) {
        return fail(same.error());
    }
    auto xml = trust::xml::parse_document(submission->entry_document(), c.settings.xml_limits);
    if (!xml) {
        return fail(make_error(errc::ed_generic,
                               "the eDispensation is not usable XML: " + xml.error().message));
    }
    auto ed = cda::read_edispensation(*xml, discard);
    if (!ed) {
        return fail(ed.error());
    }
    if (names_other_patient(*ed, *trc)) {
        return fail(make_error(errc::patient_differs_from_trc,
                               "the eDispensation's patient is not the TRC patient"));
    }
    const served_prescription* prescription =
        c.settings.documents->find_prescription(*trc, ed->prescription_id);
    if (prescription == nullptr) {
        return fail(make_error(errc::no_matching_eprescription,
                               "no ePrescription of this patient has the eDispensation's "
                               "prescription id")
                        .with("prescription", unique_id_of(ed->prescription_id)));
    }
    const std::string document_id = unique_id_of(ed->header.id);
    if (discard && !received.has_dispensation(document_id)) {
        return fail(make_error(errc::ed_discard_failed,
                               "no eDispensation with this document id was received")
                        .with("document", document_id));
    }
    try {
        received.record({discard, document_id, unique_id_of(ed->prescription_id),
                         ihe::format_patient_id(*trc), submission->entry_document()});
    } catch (const std::exception& e) {
        c.ex.logger.error("foreign_ncp.not_recorded", {{"reason", e.what()}});
        return fail(make_error(errc::storage_unavailable, "the submission could not be stored"));
    }
    return reply();
}

}  // namespace

struct finland_ncp_a::outcome {
    std::string transaction = "unknown";
    std::string code;
};

finland_ncp_a::finland_ncp_a(finland_settings settings, fault_settings faults)
    : settings_(std::move(settings)), faults_(faults) {}

response finland_ncp_a::answer(const ncp_a::peer& caller, gateway::net::request&& req) {
    const auto started = std::chrono::steady_clock::now();
    outcome out;
    response res = respond(caller, req, out);
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    gateway::log::logger().info("foreign_ncp.request",
                                {{"partner", caller.country},
                                 {"transaction", out.transaction},
                                 {"http_status", static_cast<int>(res.result_int())},
                                 {"outcome", out.code},
                                 {"elapsed_us", static_cast<std::int64_t>(elapsed.count())}});
    res.prepare_payload();
    return res;
}

response finland_ncp_a::respond(const ncp_a::peer& caller, gateway::net::request& req,
                                outcome& out) {
    const auto received_at = std::chrono::system_clock::now();
    const unsigned version = req.version();
    if (faults_.unavailable) {
        out.code = "unavailable";
        response res = ncp_a::fault_reply(registry_unreachable(), nullptr, version);
        res.result(http::status::service_unavailable);
        return res;
    }
    if (faults_.malformed) {
        out.code = "malformed";
        response res{http::status::ok, version};
        res.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
        res.body() =
            "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><broken";
        return res;
    }
    if (req.method() != http::verb::post) {
        out.code = "not POST";
        return ncp_a::fault_reply(make_error(errc::soap_malformed, "SOAP requests must use POST"),
                                  nullptr, version);
    }
    auto decoded = gateway::soap::decode_request(req[http::field::content_type], req.body(),
                                                 settings_.xml_limits);
    if (!decoded) {
        out.code = std::string(name_of(decoded.error().code));
        return ncp_a::fault_reply(decoded.error(), nullptr, version);
    }
    const auto& headers = decoded->envelope.headers();
    const ncp_a::exchange ex{caller, *decoded, gateway::log::logger(headers.message_id),
                             received_at, version};
    const context c{settings_, replay_, ex};
    const auto kind = ihe::transaction_of_action(headers.action);
    if (!kind) {
        out.code = "unknown action";
        return ncp_a::fault_reply(make_error(errc::soap_unknown_action, "unknown wsa:Action")
                                      .with("action", headers.action),
                                  &headers, version);
    }
    switch (*kind) {
        case ihe::transaction::xcpd:
            out.transaction = "xcpd";
            return answer_xcpd(c, out.code);
        case ihe::transaction::xca_query:
            out.transaction = "xca-list";
            return answer_xca_query(c, out.code);
        case ihe::transaction::xca_retrieve:
            out.transaction = "xca-retrieve";
            return answer_xca_retrieve(c, faults_.wrong_patient, out.code);
        case ihe::transaction::xdr_submit:
            out.transaction = "xdr";
            return answer_xdr(c, *settings_.received, xdr_seen_, faults_.fail_first_xdr, out.code);
    }
    return ncp_a::fault_reply(make_error(errc::internal, "unreachable"), &headers, version);
}

}  // namespace ncpeh::samples::foreign_ncp
