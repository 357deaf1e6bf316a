#include "gateway/ncp_b/call_partner.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/url/parse.hpp>

#include <optional>

#include "gateway/log/json_log.hpp"
#include "gateway/soap/envelope.hpp"
#include "gateway/soap/fault.hpp"
#include "gateway/soap/request.hpp"
#include "gateway/version.hpp"

namespace ncpeh::gateway::ncp_b {

namespace http = boost::beast::http;
using steady = std::chrono::steady_clock;

namespace {

/// Where a partner URL points: the server and the request target.
struct partner_address {
    net::http_endpoint endpoint;
    std::string target;
};

result<partner_address> parse_partner_url(std::string_view url, bool allow_plain_http) {
    const auto unusable = [&](std::string why) {
        return make_error(errc::foreign_ncp_unreachable, "the partner URL " + std::move(why))
            .with("url", std::string(url));
    };
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) {
        return unusable("is not an absolute URL");
    }
    partner_address out;
    if (parsed->scheme() == "http" && allow_plain_http) {
        out.endpoint.tls = false;
        out.endpoint.port = 80;
    } else if (parsed->scheme() != "https") {
        return unusable("must be https");
    }
    if (parsed->has_userinfo()) {
        return unusable("must not carry user information");
    }
    out.endpoint.host = parsed->host_address();
    if (out.endpoint.host.empty()) {
        return unusable("has no host");
    }
    if (parsed->has_port()) {
        if (parsed->port_number() == 0) {
            return unusable("has a bad port");
        }
        out.endpoint.port = parsed->port_number();
    }
    out.target = std::string(parsed->encoded_target());
    if (out.target.empty() || out.target.front() != '/') {
        out.target.insert(0, "/");
    }
    return out;
}

bool is_success(unsigned status) {
    return status >= 200 && status < 300;
}

/// The HTTP request carrying the envelope: plain SOAP 1.2 or MTOM.
net::request http_request_of(const partner_address& to, std::string envelope,
                             std::string_view action, const std::vector<soap::mime_part>& parts) {
    net::request req{http::verb::post, to.target, 11};
    req.set(http::field::user_agent, "ncpeh/" + std::string(version));
    if (parts.empty()) {
        req.set(http::field::content_type,
                "application/soap+xml; charset=UTF-8; action=\"" + std::string(action) + "\"");
        req.body() = std::move(envelope);
    } else {
        auto mtom = soap::write_mtom(envelope, action, parts);
        req.set(http::field::content_type, mtom.content_type);
        req.body() = std::move(mtom.body);
    }
    return req;
}

/// Steps 4 to 6: what the partner's answer means.
result<partner_answer> read_answer(const net::http_answer& res, ihe::transaction tx,
                                   const std::string& message_id,
                                   const trust::xml::parse_limits& limits) {
    const unsigned status = res.result_int();
    auto decoded = soap::decode_response(res[http::field::content_type], res.body(), limits);
    if (!decoded) {
        if (!is_success(status)) {
            return make_error(errc::foreign_ncp_answer_invalid, "the partner answered HTTP " +
                                                                    std::to_string(status) +
                                                                    " without a SOAP fault")
                .with("http_status", std::to_string(status));
        }
        return make_error(errc::foreign_ncp_answer_invalid,
                          "the partner's answer is not a usable SOAP 1.2 message: " +
                              decoded.error().message)
            .with("cause", std::string(name_of(decoded.error().code)))
            .with("http_status", std::to_string(status));
    }
    if (auto fault = soap::fault_of(decoded->envelope)) {
        return std::move(*fault).with("http_status", std::to_string(status));
    }
    if (!is_success(status)) {
        return make_error(
                   errc::foreign_ncp_answer_invalid,
                   "the partner answered HTTP " + std::to_string(status) + " without a SOAP fault")
            .with("http_status", std::to_string(status));
    }
    const auto& headers = decoded->envelope.headers();
    if (headers.action != ihe::response_action(tx)) {
        return make_error(errc::foreign_ncp_answer_invalid,
                          "the answer's wsa:Action is not " + std::string(ihe::response_action(tx)))
            .with("action", headers.action.empty() ? std::string("(none)") : headers.action);
    }
    // OpenNCP peers sometimes leave RelatesTo out; when present it must name our request.
    if (!headers.relates_to.empty() && headers.relates_to != message_id) {
        return make_error(errc::foreign_ncp_answer_invalid,
                          "the answer's wsa:RelatesTo does not name our request")
            .with("relates_to", headers.relates_to);
    }
    partner_answer out{std::move(*decoded)};
    out.server_certificate_cn = res.server_certificate_cn;
    return out;
}

/// Steps 1 to 6; `status` receives the HTTP status once there is an answer.
boost::asio::awaitable<result<partner_answer>> exchange(
    net::http_client& client, const partner_endpoint& partner, const soap_call& call,
    const call_limits& limits, const std::string& message_id, steady::time_point deadline,
    unsigned& status) {
    auto to = parse_partner_url(partner.url, limits.allow_plain_http_for_test);
    if (!to) {
        co_return to.error();
    }
    const std::string_view action = ihe::request_action(call.transaction);
    soap::addressing headers;
    headers.action = action;
    headers.message_id = message_id;
    headers.to = partner.url;
    headers.reply_to = soap::anonymous_address;
    auto req =
        http_request_of(*to, soap::write_request_envelope(headers, call.security_header, call.body),
                        action, call.attachments);
    auto res = co_await client.send(to->endpoint, std::move(req), deadline);
    if (!res) {
        co_return res.error();
    }
    status = res->result_int();
    co_return read_answer(*res, call.transaction, message_id, limits.xml);
}

}  // namespace

boost::asio::awaitable<result<partner_answer>> call_partner(net::http_client& client,
                                                            const partner_endpoint& partner,
                                                            soap_call call, call_limits limits) {
    const auto started = steady::now();
    const auto deadline = started + partner.timeout;
    const std::string_view action = ihe::request_action(call.transaction);
    const std::string message_id =
        call.message_id.empty() ? soap::make_uuid_urn() : call.message_id;
    const log::logger logger(message_id);
    unsigned status = 0;

    auto answer = co_await exchange(client, partner, call, limits, message_id, deadline, status);

    const auto elapsed_us =
        std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - started).count();
    if (!answer) {
        error e = answer.error();
        e.with("country", partner.country).with("message_id", message_id);
        // The partner's own fault text may say anything: only its code goes to the log.
        logger.warn("partner.call", {{"country", partner.country},
                                     {"action", action},
                                     {"http_status", static_cast<std::int64_t>(status)},
                                     {"elapsed_us", static_cast<std::int64_t>(elapsed_us)},
                                     {"error", name_of(e.code)},
                                     {"remote_code", e.context_value("remote_code")},
                                     {"reason", e.code == errc::foreign_ncp_refused
                                                    ? std::string_view("SOAP fault")
                                                    : std::string_view(e.message)}});
        co_return e;
    }
    logger.info("partner.call", {{"country", partner.country},
                                 {"action", action},
                                 {"http_status", static_cast<std::int64_t>(status)},
                                 {"elapsed_us", static_cast<std::int64_t>(elapsed_us)},
                                 {"mtom", answer->mime.has_value()}});
    co_return answer;
}

std::string host_of(const partner_endpoint& partner) {
    auto parsed = boost::urls::parse_absolute_uri(partner.url);
    return parsed ? std::string(parsed->host_address()) : std::string();
}

}  // namespace ncpeh::gateway::ncp_b
