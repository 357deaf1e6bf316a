#include "gateway/ncp_b/call_xcpd/identify_patient.hpp"

#include "gateway/ihe/hl7_time.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/xcpd_request.hpp"
#include "gateway/ncp_b/assertion_headers.hpp"
#include "gateway/ncp_b/assertion_reserve.hpp"
#include "gateway/ncp_b/record_call.hpp"
#include "gateway/soap/response.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

// The HL7v3 id of a message or query: a fresh UUID as the root, no extension.
ihe::instance_id fresh_hl7_id() {
    std::string urn = soap::make_uuid_urn();
    return {urn.substr(urn.find_last_of(':') + 1), {}};
}

result<std::vector<foreign_patient>> matches_of(ihe::xcpd_answer answer) {
    switch (answer.outcome) {
        case ihe::xcpd_outcome::found: {
            std::vector<foreign_patient> found;
            for (ihe::patient_match& match : answer.matches) {
                std::string id = ihe::format_patient_id({match.id.root, match.id.extension});
                found.push_back({std::move(id), std::move(match)});
            }
            return found;
        }
        case ihe::xcpd_outcome::not_found:
            return make_error(errc::patient_not_found,
                              "the patient's country knows no patient with these identifiers");
        case ihe::xcpd_outcome::error:
            break;
    }
    for (const error& e : answer.errors) {
        if (e.level == severity::error) {
            return e;
        }
    }
    return make_error(errc::foreign_ncp_refused,
                      "the patient's country could not identify the patient and gave no reason");
}

}  // namespace

boost::asio::awaitable<result<std::vector<foreign_patient>>> identify_patient(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const identify_request& request) {
    auto found_partner = partner_for(settings, request.country);
    if (!found_partner) {
        co_return found_partner.error();
    }
    const partner_country* partner = *found_partner;
    if (auto fits = partner->search_mask.check(request.identifiers); !fits) {
        co_return fits.error();
    }

    ihe::xcpd_request query;
    query.message_id = fresh_hl7_id();
    query.creation_time = ihe::xds_time_of(std::chrono::system_clock::now());
    query.sender_device_id = settings.home_community_id;
    query.receiver_device_id = partner->home_community_id;
    query.query_id = fresh_hl7_id();
    for (const given_identifier& given : request.identifiers) {
        query.living_subject_ids.push_back({given.oid, given.value});
    }
    query.name = request.name;
    query.gender = request.gender;
    query.birth_time = request.birth_date;

    auto security = security_for_call(services.assertions, settings.issuer, session, {},
                                      std::chrono::system_clock::now());
    if (!security) {
        co_return security.error();
    }
    soap_call call{
        ihe::transaction::xcpd, std::move(security->header), ihe::write_xcpd_request(query), {}};
    call.message_id = soap::make_uuid_urn();
    call_outcome outcome{audited::xcpd, partner->country, call.message_id};
    outcome.hcp_assertion_id = security->hcp_assertion_id;
    outcome.patient_id = ihe::format_patient_id(
        {request.identifiers.front().oid, request.identifiers.front().value});

    const partner_endpoint called = partner->endpoint(partner->xcpd_url);
    auto answer = co_await call_partner(services.partners, called, std::move(call));
    note_partner(outcome, called, answer);
    result<std::vector<foreign_patient>> found =
        answer ? [&]() -> result<std::vector<foreign_patient>> {
        auto parsed = ihe::parse_xcpd_response(answer->envelope.body_root());
        if (!parsed) {
            return parsed.error();
        }
        return matches_of(std::move(*parsed));
    }()
        : result<std::vector<foreign_patient>>(answer.error());
    if (!found) {
        outcome.failure = found.error();
    } else if (services.assertions != nullptr) {
        // The pharmacist picks one of them next: have their assertions signed by then.
        for (std::size_t i = 0; i < found->size() && i < 3; ++i) {
            services.assertions->prepare(session, (*found)[i].id);
        }
    }
    if (auto recorded = co_await record_call(services, session, outcome); !recorded) {
        co_return recorded.error();
    }
    co_return found;
}

}  // namespace ncpeh::gateway::ncp_b
