#include "gateway/ncp_a/soap_reply.hpp"

#include "gateway/soap/fault.hpp"

namespace ncpeh::gateway::ncp_a {

namespace http = boost::beast::http;

soap::response_addressing reply_headers(const exchange& ex, std::string action) {
    soap::response_addressing headers;
    headers.action = std::move(action);
    headers.relates_to = ex.request.envelope.headers().message_id;
    headers.message_id =
        ex.response_message_id.empty() ? soap::make_uuid_urn() : ex.response_message_id;
    return headers;
}

net::response soap_reply(const exchange& ex, std::string action, std::string_view body_xml) {
    net::response res{http::status::ok, ex.http_version};
    res.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
    res.body() = soap::write_envelope(reply_headers(ex, std::move(action)), body_xml);
    return res;
}

net::response mtom_reply(const exchange& ex, soap::mtom_message message) {
    net::response res{http::status::ok, ex.http_version};
    res.set(http::field::content_type, message.content_type);
    res.body() = std::move(message.body);
    return res;
}

net::response fault_reply(const error& e, const soap::addressing* request_headers,
                          unsigned http_version) {
    soap::response_addressing headers;
    if (request_headers != nullptr) {
        headers.relates_to = request_headers->message_id;
    }
    headers.message_id = soap::make_uuid_urn();
    net::response res{static_cast<http::status>(soap::http_status_of(soap::fault_code_of(e))),
                      http_version};
    res.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
    res.body() = soap::write_fault(e, std::move(headers));
    return res;
}

}  // namespace ncpeh::gateway::ncp_a
