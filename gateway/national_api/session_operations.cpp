#include <boost/beast/http/field.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "gateway/national_api/api_operations.hpp"
#include "gateway/national_api/request_bodies.hpp"
#include "gateway/ncp_b/pharmacist_assertions.hpp"
#include "trust/xml/date_time.hpp"

namespace ncpeh::gateway::national_api {

namespace json = boost::json;
namespace http = boost::beast::http;

namespace {

json::object pharmacist_json(const ncp_b::pharmacist& p) {
    return {
        {"legitimationskod", p.legitimationskod}, {"name", p.name}, {"profession", p.profession}};
}

std::string rfc3339(std::chrono::system_clock::time_point t) {
    return trust::xml::format_date_time(std::chrono::time_point_cast<std::chrono::milliseconds>(t));
}

}  // namespace

boost::asio::awaitable<result<api_reply>> start_session(const api_call& call) {
    auto asked = read_session_request(call.request[http::field::content_type], call.request.body());
    if (!asked) {
        co_return asked.error();
    }
    auto licence = co_await call.context.services.store.find_practitioner(asked->legitimationskod);
    if (!licence) {
        co_return licence.error();
    }
    if (!licence->licensed_pharmacist) {
        co_return make_error(errc::pharmacist_not_licensed,
                             "the national register has no valid licence as apotekare or "
                             "receptarie for this legitimationskod");
    }
    if (licence->profession_code != asked->profession) {
        co_return make_error(errc::pharmacist_not_licensed,
                             "the national register licenses this person for another profession")
            .with("element", "session.profession")
            .with("registered", licence->profession_code);
    }
    const ncp_b::pharmacist who{licence->legitimationskod, licence->name, licence->profession_code};
    const auto now = std::chrono::system_clock::now();
    const auto& settings = call.context.settings;
    auto hcp = ncp_b::issue_pharmacist_assertion(settings.issuer, call.pharmacy, who, now,
                                                 settings.session_duration);
    if (!hcp) {
        co_return hcp.error();
    }
    session opened;
    opened.client_certificate_sha256 = call.client_certificate_sha256;
    opened.pharmacy = call.pharmacy;
    opened.pharmacist = who;
    opened.hcp_assertion = std::move(hcp->xml);
    opened.hcp_assertion_id = hcp->id;
    opened.expires_at = hcp->expires_at;
    auto token = co_await call.context.sessions.open(std::move(opened), now);
    if (!token) {
        co_return token.error();
    }
    api_reply reply;
    reply.status = 201;
    reply.body = json::object{
        {"token", *token},
        {"expiresAt", rfc3339(hcp->expires_at)},
        {"pharmacist", pharmacist_json(who)},
        {"pharmacy", json::object{{"gln", call.pharmacy.gln}, {"name", call.pharmacy.name}}}};
    co_return reply;
}

boost::asio::awaitable<result<api_reply>> list_countries(const api_call& call) {
    json::array countries;
    for (const ncp_b::partner_country& partner : call.context.settings.partners) {
        json::array fields;
        for (const ncp_b::search_field& field : partner.search_mask.fields()) {
            fields.push_back(json::object{{"kind", field.kind},
                                          {"oid", field.oid},
                                          {"label", field.label},
                                          {"pattern", field.pattern},
                                          {"mandatory", field.mandatory}});
        }
        countries.push_back(
            json::object{{"country", partner.country},
                         {"homeCommunityId", partner.home_community_id},
                         {"services", json::array{"ePrescription", "eDispensation"}},
                         {"searchMask", json::object{{"fields", fields}}}});
    }
    co_return api_reply{200, json::object{{"countries", countries}}, {}, {}, {}};
}

}  // namespace ncpeh::gateway::national_api
