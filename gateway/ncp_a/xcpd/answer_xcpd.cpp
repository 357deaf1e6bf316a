#include "gateway/ncp_a/xcpd/answer_xcpd.hpp"

#include <algorithm>

#include "gateway/ihe/hl7_time.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/transaction.hpp"
#include "gateway/ihe/xcpd_request.hpp"
#include "gateway/ihe/xcpd_response.hpp"
#include "gateway/ncp_a/record_outcome.hpp"
#include "gateway/ncp_a/soap_reply.hpp"
#include "gateway/ncp_a/swedish_patient.hpp"
#include "gateway/ncp_a/verify_caller.hpp"
#include "gateway/soap/response.hpp"
#include "translators/cda/administrative_gender.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"
#include "translators/sweden/identifier_oids.hpp"

namespace ncpeh::gateway::ncp_a::xcpd {

namespace {

std::string uuid_of(std::string urn) {
    constexpr std::string_view prefix = "urn:uuid:";
    return urn.starts_with(prefix) ? urn.substr(prefix.size()) : urn;
}

// "1912-12-12" → "19121212".
std::string hl7_date(std::string_view fhir_date) {
    std::string out;
    std::copy_if(fhir_date.begin(), fhir_date.end(), std::back_inserter(out),
                 [](char c) { return c != '-'; });
    return out;
}

ihe::patient_match match_of(const translators::fhir::patient& patient, std::string personnummer) {
    ihe::patient_match match;
    match.id = {std::string(translators::sweden::personnummer_oid), std::move(personnummer)};
    if (!patient.name.empty()) {
        match.name = ihe::person_name{patient.name.front().family, patient.name.front().given};
    }
    if (!patient.gender.empty()) {
        match.gender = translators::cda::hl7_gender_of(patient.gender);
    }
    if (!patient.birth_date.empty()) {
        match.birth_time = hl7_date(patient.birth_date);
    }
    return match;
}

// Demographics sent with the id must not contradict the patient (only the parts given count).
bool demographics_agree(const ihe::xcpd_request& request, const ihe::patient_match& match) {
    if (request.birth_time && match.birth_time &&
        request.birth_time->substr(0, 8) != *match.birth_time) {
        return false;
    }
    if (request.gender && match.gender && *request.gender != "UN" &&
        *request.gender != *match.gender) {
        return false;
    }
    return true;
}

}  // namespace

boost::asio::awaitable<net::response> answer_xcpd(const responder_settings& settings,
                                                  responder_services& services,
                                                  const exchange& ex) {
    const ihe::xcpd_responder responder{
        settings.home_community_id,
        {settings.home_community_id, uuid_of(soap::make_uuid_urn())},
        ihe::xds_time_of(ex.received_at)};
    transaction_outcome outcome;
    outcome.transaction = "xcpd";
    // Ends the transaction: audit first, then the answer (an internal error if the audit
    // trail cannot take it).
    auto finish = [&](const ihe::xcpd_request& request, const error* failure,
                      std::string body) -> boost::asio::awaitable<net::response> {
        outcome.failure = failure;
        if (auto audited = co_await record_outcome(services, ex, outcome); !audited) {
            co_return soap_reply(ex, std::string(ihe::response_action(ihe::transaction::xcpd)),
                                 ihe::write_xcpd_error(request, responder, audited.error()));
        }
        co_return soap_reply(ex, std::string(ihe::response_action(ihe::transaction::xcpd)), body);
    };
    auto fail = [&](const ihe::xcpd_request& request, const error& e) {
        return finish(request, &e, ihe::write_xcpd_error(request, responder, e));
    };
    auto not_found = [&](const ihe::xcpd_request& request, std::string_view why) {
        ex.logger.info("xcpd.no_match", {{"reason", why}});
        return finish(request, nullptr, ihe::write_xcpd_no_match(request, responder));
    };

    auto verified = co_await verify_caller(settings, services, ex,
                                           ihe::assertion_policy_of(ihe::transaction::xcpd));
    if (!verified) {
        // Echo what can be read of the request; its own problems come second.
        auto partial = ihe::parse_xcpd_request(ex.request.envelope.body_root());
        // Named, not a conditional temporary: GCC 12 frees such a temporary of a co_await
        // expression twice (ASan: "free on address which was not malloc()-ed").
        const ihe::xcpd_request echoed = partial ? *partial : ihe::xcpd_request{};
        co_return co_await fail(echoed, verified.error());
    }
    outcome.assertions = &*verified;

    auto request = ihe::parse_xcpd_request(ex.request.envelope.body_root());
    if (!request) {
        const ihe::xcpd_request unreadable;
        co_return co_await fail(unreadable, request.error());
    }
    if (request->receiver_device_id != settings.home_community_id) {
        co_return co_await fail(
            *request,
            make_error(errc::xcpd_wrong_receiver, "the request is addressed to another community")
                .with("receiver", request->receiver_device_id));
    }
    std::optional<std::string> personnummer;
    for (const ihe::instance_id& id : request->living_subject_ids) {
        personnummer = personnummer_of({id.root, id.extension});
        if (personnummer) {
            break;
        }
    }
    if (!personnummer) {
        co_return co_await not_found(*request, "no personnummer among the identifiers");
    }
    outcome.patient_id = ihe::format_patient_id(patient_id_of_personnummer(*personnummer));

    auto found = co_await services.store.find_patient_with_consents(*personnummer);
    if (!found) {
        if (found.error().code == errc::patient_not_found) {
            co_return co_await not_found(*request, "unknown personnummer");
        }
        co_return co_await fail(*request, found.error());
    }
    const auto& patient = found->patient;
    const auto& consents = found->consents;
    using translators::sweden::patient_visibility;
    const auto refusals = translators::sweden::patient_cross_border_refusals(
        patient, consents, today_for(settings, ex.received_at));
    switch (translators::sweden::visibility_of(refusals)) {
        case patient_visibility::hidden:
            co_return co_await not_found(*request, translators::sweden::name_of(refusals.front()));
        case patient_visibility::no_consent:
            co_return co_await fail(*request, no_consent_error());
        case patient_visibility::visible:
            break;
    }
    const std::vector<ihe::patient_match> matches{match_of(patient, *personnummer)};
    if (!demographics_agree(*request, matches.front())) {
        co_return co_await not_found(*request, "demographics differ");
    }
    co_return co_await finish(*request, nullptr,
                              ihe::write_xcpd_matches(*request, responder, matches));
}

}  // namespace ncpeh::gateway::ncp_a::xcpd
