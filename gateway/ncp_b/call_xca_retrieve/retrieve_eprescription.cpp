#include "gateway/ncp_b/call_xca_retrieve/retrieve_eprescription.hpp"

#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/xca_retrieve_request.hpp"
#include "gateway/ihe/xca_retrieve_response.hpp"
#include "gateway/ncp_b/assertion_headers.hpp"
#include "gateway/ncp_b/assertion_reserve.hpp"
#include "gateway/ncp_b/record_call.hpp"
#include "gateway/soap/response.hpp"
#include "translators/cda/read_header.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

// The one document of the answer, parsed, about `patient`.
result<retrieved_eprescription> document_of(ihe::xca_retrieve_response answer,
                                            const ihe::patient_id& patient,
                                            const trust::xml::parse_limits& limits) {
    if (answer.documents.empty()) {
        for (const error& e : answer.errors) {
            if (e.level == severity::error) {
                return e;
            }
        }
        return make_error(errc::document_not_found,
                          "the patient's country returned no document for this id");
    }
    std::string cda = std::move(answer.documents.front().content);
    auto parsed = trust::xml::parse_document(cda, limits);
    if (!parsed) {
        return make_error(
            errc::foreign_ncp_answer_invalid,
            "the returned document is not well-formed XML: " + parsed.error().message);
    }
    if (!trust::xml::is_element(parsed->root(), trust::xml::ns::hl7, "ClinicalDocument")) {
        return make_error(errc::foreign_ncp_answer_invalid,
                          "the returned document is not a CDA ClinicalDocument");
    }
    const auto header = translators::cda::read_header(parsed->root());
    bool same_patient = false;
    for (const auto& id : header.patient.ids) {
        same_patient =
            same_patient || (id.root == patient.root && id.extension == patient.extension);
    }
    if (!same_patient) {
        return make_error(errc::document_patient_mismatch,
                          "the returned document is about another patient than the one "
                          "identified; it was withheld")
            .with("element", "ClinicalDocument/recordTarget/patientRole/id");
    }
    return retrieved_eprescription{std::move(cda), std::move(*parsed)};
}

}  // namespace

boost::asio::awaitable<result<retrieved_eprescription>> retrieve_eprescription(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const retrieve_request& request) {
    auto partner = partner_for(settings, request.country);
    if (!partner) {
        co_return partner.error();
    }
    auto patient = ihe::parse_patient_id(request.patient_id);
    if (!patient) {
        co_return make_error(errc::invalid_argument,
                             "the patient id is not of the form ext^^^&root&ISO")
            .with("element", "patientId");
    }
    auto security = security_for_call(services.assertions, settings.issuer, session,
                                      request.patient_id, std::chrono::system_clock::now());
    if (!security) {
        co_return security.error();
    }
    const ihe::document_request wanted{(*partner)->home_community_id,
                                       request.repository_unique_id.empty()
                                           ? (*partner)->home_community_id
                                           : request.repository_unique_id,
                                       request.document_id};
    soap_call call{ihe::transaction::xca_retrieve,
                   std::move(security->header),
                   ihe::write_xca_retrieve_request(std::span(&wanted, 1)),
                   {}};
    call.message_id = soap::make_uuid_urn();
    call_outcome outcome{.transaction = audited::xca_retrieve,
                         .country = (*partner)->country,
                         .message_id = call.message_id,
                         .trc_assertion_id = security->trc_assertion_id,
                         .hcp_assertion_id = security->hcp_assertion_id,
                         .patient_id = request.patient_id,
                         .document_ids = {request.document_id}};
    const partner_endpoint called = (*partner)->endpoint((*partner)->xca_url);
    auto answer = co_await call_partner(services.partners, called, std::move(call));
    note_partner(outcome, called, answer);
    result<retrieved_eprescription> retrieved = answer ? [&]() -> result<retrieved_eprescription> {
        auto parsed =
            ihe::parse_xca_retrieve_response(answer->envelope.body_root(), answer->attachments());
        if (!parsed) {
            return parsed.error();
        }
        return document_of(std::move(*parsed), patient->id, settings.xml_limits);
    }()
        : result<retrieved_eprescription>(answer.error());
    if (!retrieved) {
        outcome.failure = retrieved.error();
    }
    if (auto recorded = co_await record_call(services, session, outcome); !recorded) {
        co_return recorded.error();
    }
    co_return retrieved;
}

}  // namespace ncpeh::gateway::ncp_b
