#include "gateway/ncp_b/call_xca_query/list_eprescriptions.hpp"

#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/xca_query_request.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/ncp_b/assertion_headers.hpp"
#include "gateway/ncp_b/assertion_reserve.hpp"
#include "gateway/ncp_b/record_call.hpp"
#include "gateway/soap/response.hpp"
#include "translators/cda/code_systems.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

result<std::vector<ihe::document_pair>> documents_of(ihe::xca_query_response answer) {
    if (answer.documents.empty()) {
        for (const error& e : answer.errors) {
            if (e.level == severity::error) {
                return e;
            }
        }
    }
    return std::move(answer.documents);
}

}  // namespace

boost::asio::awaitable<result<std::vector<ihe::document_pair>>> list_eprescriptions(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, std::string_view country, std::string_view patient_id) {
    auto partner = partner_for(settings, country);
    if (!partner) {
        co_return partner.error();
    }
    auto patient = ihe::parse_patient_id(patient_id);
    if (!patient) {
        co_return make_error(errc::invalid_argument,
                             "the patient id is not of the form ext^^^&root&ISO")
            .with("element", "patientId");
    }
    auto security = security_for_call(services.assertions, settings.issuer, session, patient_id,
                                      std::chrono::system_clock::now());
    if (!security) {
        co_return security.error();
    }
    ihe::find_documents_query query;
    query.query_id = std::string(ihe::xds_id::find_documents);
    query.return_type = "LeafClass";
    query.patient = *patient;
    query.class_codes.push_back(
        {"57833-6", std::string(translators::cda::code_systems::loinc), "ePrescription"});

    soap_call call{ihe::transaction::xca_query,
                   std::move(security->header),
                   ihe::write_xca_query_request(query),
                   {}};
    call.message_id = soap::make_uuid_urn();
    call_outcome outcome{.transaction = audited::xca_list,
                         .country = (*partner)->country,
                         .message_id = call.message_id,
                         .trc_assertion_id = security->trc_assertion_id,
                         .hcp_assertion_id = security->hcp_assertion_id,
                         .patient_id = std::string(patient_id)};
    const partner_endpoint called = (*partner)->endpoint((*partner)->xca_url);
    auto answer = co_await call_partner(services.partners, called, std::move(call));
    note_partner(outcome, called, answer);
    result<std::vector<ihe::document_pair>> listed =
        answer ? [&]() -> result<std::vector<ihe::document_pair>> {
        auto parsed = ihe::parse_xca_query_response(answer->envelope.body_root());
        if (!parsed) {
            return parsed.error();
        }
        return documents_of(std::move(*parsed));
    }()
        : result<std::vector<ihe::document_pair>>(answer.error());
    if (listed) {
        for (const ihe::document_pair& pair : *listed) {
            outcome.document_ids.push_back(pair.pivot.unique_id);
        }
    }
    if (!listed) {
        outcome.failure = listed.error();
    }
    if (auto recorded = co_await record_call(services, session, outcome); !recorded) {
        co_return recorded.error();
    }
    co_return listed;
}

}  // namespace ncpeh::gateway::ncp_b
