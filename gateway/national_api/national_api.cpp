#include "gateway/national_api/national_api.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/log/json_log.hpp"
#include "gateway/national_api/api_error.hpp"
#include "gateway/national_api/api_operations.hpp"

namespace ncpeh::gateway::national_api {

namespace http = boost::beast::http;

namespace {

net::response json_response(unsigned status, unsigned version, const boost::json::value& body,
                            std::string_view content_type = "application/json") {
    net::response res{static_cast<http::status>(status), version};
    res.set(http::field::content_type, content_type);
    res.set(http::field::cache_control, "no-store");
    res.body() = boost::json::serialize(body);
    res.prepare_payload();
    return res;
}

net::response error_response(const error& e, unsigned version) {
    auto res =
        json_response(http_status_of(e), version, operation_outcome_of(e), "application/fhir+json");
    if (const auto allow = e.context_value("allow"); !allow.empty()) {
        res.set(http::field::allow, allow);
    }
    if (e.code == errc::session_invalid) {
        res.set(http::field::www_authenticate, "Bearer realm=\"ncpeh national API\"");
    }
    return res;
}

net::response reply_response(api_reply reply, unsigned version) {
    if (reply.content_type.empty()) {
        auto res = json_response(reply.status, version, reply.body);
        if (!reply.location.empty()) {
            res.set(http::field::location, reply.location);
        }
        return res;
    }
    net::response res{static_cast<http::status>(reply.status), version};
    res.set(http::field::content_type, reply.content_type);
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(reply.raw);
    res.prepare_payload();
    return res;
}

boost::asio::awaitable<result<api_reply>> perform(const api_call& call) {
    switch (call.route.to->op) {
        case operation::start_session:
            return start_session(call);
        case operation::list_countries:
            return list_countries(call);
        case operation::identify_patient:
            return identify_patient(call);
        case operation::list_eprescriptions:
            return list_eprescriptions(call);
        case operation::retrieve_eprescription:
            return retrieve_eprescription(call);
        case operation::submit_dispensation:
            return submit_dispensation(call);
        case operation::dispensation_status:
            return dispensation_status(call);
        case operation::discard_dispensation:
            return discard_dispensation(call);
        case operation::patient_access:
            break;  // a patient e-service's route: `serve_eservice`
    }
    return start_session(call);  // unreachable: `serve` sees pharmacy routes only
}

boost::asio::awaitable<net::response> serve(const api_context& context, ncp_b::pharmacy pharmacy,
                                            const net::connection_info& client,
                                            routed_request routed, net::request&& req) {
    const unsigned version = req.version();
    const auto started = std::chrono::steady_clock::now();
    std::shared_ptr<const session> opened;
    if (routed.to->needs_session) {
        std::string token(bearer_token(req[http::field::authorization]));
        std::string certificate = client.certificate_sha256;
        auto found = co_await context.sessions.find(std::move(token), std::move(certificate),
                                                    std::chrono::system_clock::now());
        if (!found) {
            co_return error_response(found.error(), version);
        }
        opened = std::move(*found);
    }
    const std::string route(routed.to->path);
    const api_call call{context, std::move(pharmacy), client.certificate_sha256, std::move(routed),
                        req,     std::move(opened)};
    auto reply = co_await perform(call);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    const std::string session_id = call.opened ? call.opened->id : std::string();
    if (!reply) {
        const error& e = reply.error();
        log::logger().info("national_api.call",
                           {{"route", route},
                            {"pharmacy", call.pharmacy.gln},
                            {"session", session_id},
                            {"status", static_cast<std::int64_t>(http_status_of(e))},
                            {"error", name_of(e.code)},
                            {"remote_code", e.context_value("remote_code")},
                            {"detail", is_internal_cause(e.code) ? e.describe() : std::string()},
                            {"us", static_cast<std::int64_t>(micros)}});
        co_return error_response(e, version);
    }
    log::logger().info("national_api.call", {{"route", route},
                                             {"pharmacy", call.pharmacy.gln},
                                             {"session", session_id},
                                             {"status", static_cast<std::int64_t>(reply->status)},
                                             {"us", static_cast<std::int64_t>(micros)}});
    co_return reply_response(std::move(*reply), version);
}

// A patient e-service's call: no session (the e-service authenticates the patient itself), and
// a log line without the path: it holds the personnummer.
boost::asio::awaitable<net::response> serve_eservice(const api_context& context,
                                                     eservice_client eservice,
                                                     const net::connection_info& client,
                                                     routed_request routed, net::request&& req) {
    const unsigned version = req.version();
    const auto started = std::chrono::steady_clock::now();
    const std::string route(routed.to->path);
    const eservice_call call{context, std::move(eservice), client.certificate_sha256,
                             std::move(routed), req};
    auto reply = co_await cross_border_access(call);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    const unsigned status = reply ? reply->status : http_status_of(reply.error());
    log::logger().info("national_api.call",
                       {{"route", route},
                        {"eservice", call.client.name},
                        {"status", static_cast<std::int64_t>(status)},
                        {"error", reply ? std::string_view() : name_of(reply.error().code)},
                        {"us", static_cast<std::int64_t>(micros)}});
    if (!reply) {
        co_return error_response(reply.error(), version);
    }
    co_return reply_response(std::move(*reply), version);
}

// Which application a request reaches: the caller's certificate names a pharmacy or a patient
// e-service, and each calls only the routes of its kind.
boost::asio::awaitable<net::response> dispatch(const pharmacy_directory& pharmacies,
                                               const eservice_directory& eservices,
                                               const api_context& context,
                                               const net::connection_info& client,
                                               net::request&& req) {
    const unsigned version = req.version();
    const auto pharmacy = pharmacies.pharmacy_of(client.certificate_sha256);
    const auto eservice = eservices.client_of(client.certificate_sha256);
    const auto not_a_pharmacy = [&] {
        return make_error(errc::pharmacy_unknown,
                          eservice ? "this route is for pharmacy systems: the patient e-services "
                                     "may only read cross-border access logs"
                                   : "the TLS client certificate is trusted but not configured "
                                     "for any pharmacy or patient e-service");
    };
    if (!pharmacy && !eservice) {
        log::logger().warn("national_api.pharmacy_unknown",
                           {{"certificate_sha256", client.certificate_sha256}});
        co_return error_response(not_a_pharmacy(), version);
    }
    auto routed = resolve_route(req.method(), req.target());
    if (!routed) {
        co_return error_response(routed.error(), version);
    }
    if (routed->to->caller == caller_kind::patient_eservice) {
        if (!eservice) {
            log::logger().warn("national_api.refused",
                               {{"route", std::string(routed->to->path)},
                                {"pharmacy", pharmacy->gln},
                                {"error", name_of(errc::insufficient_rights)}});
            co_return error_response(
                make_error(errc::insufficient_rights,
                           "the cross-border access log is for the patient e-services: a "
                           "pharmacy system may not read it"),
                version);
        }
        co_return co_await serve_eservice(context, *eservice, client, std::move(*routed),
                                          std::move(req));
    }
    if (!pharmacy) {
        co_return error_response(not_a_pharmacy(), version);
    }
    co_return co_await serve(context, *pharmacy, client, std::move(*routed), std::move(req));
}

}  // namespace

net::request_handler national_api(pharmacy_directory pharmacies, eservice_directory eservices,
                                  api_context context) {
    return [pharmacies = std::move(pharmacies), eservices = std::move(eservices), context](
               const net::connection_info& client,
               net::request&& req) -> boost::asio::awaitable<net::response> {
        const unsigned version = req.version();
        try {
            co_return co_await dispatch(pharmacies, eservices, context, client, std::move(req));
        } catch (const std::exception& e) {
            log::logger().error("national_api.handler_failed", {{"reason", e.what()}});
        }
        co_return error_response(make_error(errc::internal, "internal error"), version);
    };
}

}  // namespace ncpeh::gateway::national_api
