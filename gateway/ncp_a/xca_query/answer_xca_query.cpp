#include "gateway/ncp_a/xca_query/answer_xca_query.hpp"

#include <algorithm>

#include "gateway/ihe/transaction.hpp"
#include "gateway/ihe/xca_query_request.hpp"
#include "gateway/ihe/xca_query_response.hpp"
#include "gateway/ncp_a/prescription_document.hpp"
#include "gateway/ncp_a/record_outcome.hpp"
#include "gateway/ncp_a/soap_reply.hpp"
#include "gateway/ncp_a/swedish_patient.hpp"
#include "gateway/ncp_a/verify_caller.hpp"
#include "gateway/ncp_a/xca_query/describe_documents.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"

namespace ncpeh::gateway::ncp_a::xca_query {

namespace {

constexpr std::string_view eprescription_class = "57833-6";

}  // namespace

boost::asio::awaitable<net::response> answer_xca_query(const responder_settings& settings,
                                                       responder_services& services,
                                                       const exchange& ex) {
    ihe::xca_query_response response;
    response.home_community_id = settings.home_community_id;
    transaction_outcome outcome;
    outcome.transaction = "xca-list";
    auto finish = [&]() -> boost::asio::awaitable<net::response> {
        const error* failure = nullptr;
        for (const error& e : response.errors) {
            if (e.level == severity::error || failure == nullptr) {
                failure = &e;
            }
        }
        outcome.failure = response.documents.empty() ? failure : nullptr;
        for (const ihe::document_pair& pair : response.documents) {
            outcome.document_ids.push_back(pair.pivot.unique_id);
            if (pair.original) {
                outcome.document_ids.push_back(pair.original->unique_id);
            }
        }
        if (auto audited = co_await record_outcome(services, ex, outcome); !audited) {
            response.documents.clear();
            response.errors = {audited.error()};
        }
        co_return soap_reply(ex, std::string(ihe::response_action(ihe::transaction::xca_query)),
                             ihe::write_xca_query_response(response));
    };
    auto fail = [&](error e) {
        response.errors.push_back(std::move(e));
        return finish();
    };

    auto verified = co_await verify_caller(settings, services, ex,
                                           ihe::assertion_policy_of(ihe::transaction::xca_query));
    if (!verified) {
        co_return co_await fail(verified.error());
    }
    outcome.assertions = &*verified;
    auto query = ihe::parse_xca_query_request(ex.request.envelope.body_root());
    if (!query) {
        co_return co_await fail(query.error());
    }
    const bool asks_for_eprescriptions =
        std::any_of(query->class_codes.begin(), query->class_codes.end(),
                    [](const ihe::coded_value& c) { return c.code == eprescription_class; });
    if (!asks_for_eprescriptions) {
        co_return co_await fail(make_error(errc::class_code_not_supported,
                                           "this gateway answers ePrescription queries (class code "
                                           "57833-6) only"));
    }
    auto trc = trc_patient(*verified);
    if (!trc) {
        co_return co_await fail(trc.error());
    }
    outcome.patient_id = ihe::format_patient_id(*trc);
    if (query->patient.root_extension_swapped) {
        ex.logger.info("xca.patient_id_swapped");
    }
    if (auto same = check_patient_is_trc_patient(query->patient.id, *trc); !same) {
        co_return co_await fail(same.error());
    }
    const auto personnummer = personnummer_of(*trc);
    if (!personnummer) {
        co_return co_await fail(make_warning(errc::no_eprescription_for_patient,
                                             "no ePrescription is registered for this patient"));
    }

    auto found = co_await services.store.find_patient_with_consents(*personnummer);
    if (!found) {
        // Named, not a conditional temporary: GCC 12 frees such a temporary of a co_await
        // expression twice.
        error answered = found.error().code == errc::patient_not_found
                             ? make_warning(errc::no_eprescription_for_patient,
                                            "no ePrescription is registered for this patient")
                             : found.error();
        co_return co_await fail(std::move(answered));
    }
    const auto& patient = found->patient;
    const auto& consents = found->consents;
    const auto today = today_for(settings, ex.received_at);
    using translators::sweden::patient_visibility;
    const auto refusals =
        translators::sweden::patient_cross_border_refusals(patient, consents, today);
    switch (translators::sweden::visibility_of(refusals)) {
        case patient_visibility::hidden:
            ex.logger.info("xca.patient_refused",
                           {{"reason", translators::sweden::name_of(refusals.front())}});
            co_return co_await fail(
                make_warning(errc::no_eprescription_for_patient,
                             "no ePrescription is registered for this patient"));
        case patient_visibility::no_consent:
            co_return co_await fail(no_consent_error());
        case patient_visibility::visible:
            break;
    }
    // A named vector, not a braced list: GCC 12 cannot keep an initializer_list in a coroutine
    // frame ("array used as initializer").
    std::vector<std::string> active_only{std::string("aktiv")};
    auto prescriptions =
        co_await services.store.search_prescriptions(patient.id, std::move(active_only));
    if (!prescriptions) {
        co_return co_await fail(prescriptions.error());
    }
    for (const auto& prescription : *prescriptions) {
        if (!translators::sweden::is_dispensable_cross_border(patient, consents, prescription,
                                                              today)) {
            continue;
        }
        auto model =
            model_prescription(settings, prescription, patient,
                               translators::eprescription_l3::document_level::l3, ex.received_at);
        if (!model) {
            ex.logger.warn("xca.prescription_not_translated",
                           {{"prescription", prescription.id},
                            {"code", std::string(name_of(model.error().code))},
                            {"reason", model.error().message}});
            continue;
        }
        response.documents.push_back(describe_documents(settings, *model, *trc, ex.received_at));
    }
    if (response.documents.empty()) {
        co_return co_await fail(
            make_warning(errc::no_eprescription_for_patient,
                         "the patient has no ePrescription that can be dispensed abroad"));
    }
    co_return co_await finish();
}

}  // namespace ncpeh::gateway::ncp_a::xca_query
