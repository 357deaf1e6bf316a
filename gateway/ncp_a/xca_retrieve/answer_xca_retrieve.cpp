#include "gateway/ncp_a/xca_retrieve/answer_xca_retrieve.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "gateway/ihe/transaction.hpp"
#include "gateway/ihe/xca_retrieve_request.hpp"
#include "gateway/ihe/xca_retrieve_response.hpp"
#include "gateway/ncp_a/prescription_document.hpp"
#include "gateway/ncp_a/record_outcome.hpp"
#include "gateway/ncp_a/soap_reply.hpp"
#include "gateway/ncp_a/swedish_patient.hpp"
#include "gateway/ncp_a/verify_caller.hpp"
#include "translators/cda/cda_time.hpp"
#include "translators/eprescription_l1/write_eprescription_document.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"

namespace ncpeh::gateway::ncp_a::xca_retrieve {

namespace {

error missing_document(const ihe::document_request& request) {
    return make_error(errc::document_not_found,
                      "ERROR_GENERIC_DOCUMENT_MISSING : no such document in this repository")
        .with("document", request.document_unique_id);
}

}  // namespace

boost::asio::awaitable<net::response> answer_xca_retrieve(const responder_settings& settings,
                                                          responder_services& services,
                                                          const exchange& ex) {
    namespace l3 = translators::eprescription_l3;
    ihe::xca_retrieve_response response;
    response.home_community_id = settings.home_community_id;
    transaction_outcome outcome;
    outcome.transaction = "xca-retrieve";
    auto finish = [&]() -> boost::asio::awaitable<net::response> {
        for (const error& e : response.errors) {
            if (e.level == severity::error) {
                outcome.failure = &e;
                break;
            }
        }
        for (const ihe::retrieved_document& d : response.documents) {
            outcome.document_ids.push_back(d.request.document_unique_id);
        }
        if (auto audited = co_await record_outcome(services, ex, outcome); !audited) {
            response.documents.clear();
            response.errors = {audited.error()};
        }
        co_return mtom_reply(
            ex, ihe::write_xca_retrieve_response(
                    response, reply_headers(ex, std::string(ihe::response_action(
                                                    ihe::transaction::xca_retrieve)))));
    };
    auto fail = [&](error e) {
        response.documents.clear();
        response.errors.push_back(std::move(e));
        return finish();
    };

    auto verified = co_await verify_caller(
        settings, services, ex, ihe::assertion_policy_of(ihe::transaction::xca_retrieve));
    if (!verified) {
        co_return co_await fail(verified.error());
    }
    outcome.assertions = &*verified;
    auto requests = ihe::parse_xca_retrieve_request(ex.request.envelope.body_root());
    if (!requests) {
        co_return co_await fail(requests.error());
    }
    auto trc = trc_patient(*verified);
    if (!trc) {
        co_return co_await fail(trc.error());
    }
    outcome.patient_id = ihe::format_patient_id(*trc);
    const auto personnummer = personnummer_of(*trc);
    if (!personnummer) {
        co_return co_await fail(missing_document(requests->front()));
    }

    // Which requested documents name one of our prescriptions; the rest are missing.
    std::vector<std::optional<l3::eprescription_document_ref>> refs;
    std::vector<std::string> prescription_ids;
    for (const ihe::document_request& request : *requests) {
        auto ref = l3::parse_document_unique_id(request.document_unique_id,
                                                settings.eprescription.prescription_id_root);
        if (ref && request.repository_unique_id == settings.repository_unique_id) {
            prescription_ids.push_back(ref->prescription_id);
            refs.push_back(std::move(ref));
        } else {
            refs.emplace_back(std::nullopt);
        }
    }

    if (prescription_ids.empty()) {  // nothing asked is ours: the store has nothing to say
        co_return co_await fail(missing_document(requests->front()));
    }
    auto read =
        co_await services.store.read_patient_and_prescriptions(*personnummer, prescription_ids);
    if (!read) {
        // Named, not a conditional temporary: GCC 12 frees such a temporary of a co_await
        // expression twice.
        error answered = read.error().code == errc::patient_not_found
                             ? missing_document(requests->front())
                             : read.error();
        co_return co_await fail(std::move(answered));
    }
    const auto& patient = read->found.patient;
    const auto& consents = read->found.consents;
    const auto today = today_for(settings, ex.received_at);
    using translators::sweden::patient_visibility;
    switch (translators::sweden::visibility_of(
        translators::sweden::patient_cross_border_refusals(patient, consents, today))) {
        case patient_visibility::hidden:
            co_return co_await fail(missing_document(requests->front()));
        case patient_visibility::no_consent:
            co_return co_await fail(no_consent_error());
        case patient_visibility::visible:
            break;
    }

    auto next_prescription = read->prescriptions.begin();
    for (std::size_t r = 0; r < requests->size(); ++r) {
        const ihe::document_request& request = (*requests)[r];
        const auto& ref = refs[r];
        if (!ref) {
            response.errors.push_back(missing_document(request));
            continue;
        }
        auto& prescription = *next_prescription++;
        if (!prescription) {
            response.errors.push_back(prescription.error().code == errc::no_matching_eprescription
                                          ? missing_document(request)
                                          : prescription.error());
            continue;
        }
        if (translators::fhir::subject_patient_id(*prescription) != patient.id) {
            // Another patient's prescription: indistinguishable from a missing document.
            ex.logger.warn("xca.retrieve_other_patient", {{"prescription", ref->prescription_id}});
            response.errors.push_back(missing_document(request));
            continue;
        }
        const auto refused =
            translators::sweden::cross_border_refusals(patient, consents, *prescription, today);
        if (!refused.empty()) {
            response.errors.push_back(
                make_error(errc::eprescription_not_dispensable,
                           "the ePrescription can no longer be dispensed abroad")
                    .with("reason", std::string(translators::sweden::name_of(refused.front()))));
            continue;
        }
        auto model =
            model_prescription(settings, *prescription, patient, ref->level, ex.received_at);
        if (!model) {
            response.errors.push_back(model.error());
            continue;
        }
        auto document = translators::eprescription_l1::write_eprescription_document(
            model->document, ref->level, translators::cda::to_cda_time(ex.received_at));
        if (!document) {
            response.errors.push_back(document.error());
            continue;
        }
        response.documents.push_back({request, "text/xml", std::move(*document)});
    }
    co_return co_await finish();
}

}  // namespace ncpeh::gateway::ncp_a::xca_retrieve
