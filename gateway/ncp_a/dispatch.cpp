#include "gateway/ncp_a/dispatch.hpp"

#include "gateway/log/json_log.hpp"
#include "gateway/soap/fault.hpp"
#include "gateway/soap/request.hpp"

namespace ncpeh::gateway::ncp_a {

namespace http = boost::beast::http;

namespace {

server::response fault(const error& e, const soap::addressing* request_headers, unsigned version) {
    soap::response_addressing headers;
    if (request_headers != nullptr) {
        headers.relates_to = request_headers->message_id;
    }
    headers.message_id = soap::make_uuid_urn();
    server::response res{static_cast<http::status>(soap::http_status_of(soap::fault_code_of(e))),
                         version};
    res.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
    res.body() = soap::write_fault(e, std::move(headers));
    return res;
}

}  // namespace

transaction transaction_of(std::string_view action) noexcept {
    if (action == "urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery") {
        return transaction::xcpd;
    }
    if (action == "urn:ihe:iti:2007:CrossGatewayQuery") {
        return transaction::xca_query;
    }
    if (action == "urn:ihe:iti:2007:CrossGatewayRetrieve") {
        return transaction::xca_retrieve;
    }
    if (action == "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b") {
        return transaction::xdr_submit;
    }
    return transaction::unknown;
}

boost::asio::awaitable<server::response> dispatch(const dispatch_settings& settings,
                                                  const server::peer& caller,
                                                  server::request&& req) {
    const unsigned version = req.version();
    if (req.method() != http::verb::post) {
        co_return fault(make_error(errc::soap_malformed, "SOAP requests must use POST"), nullptr,
                        version);
    }
    auto decoded =
        soap::decode_request(req[http::field::content_type], req.body(), settings.xml_limits);
    if (!decoded) {
        log::logger().info("soap.rejected", {{"partner", caller.country},
                                             {"code", std::string(name_of(decoded.error().code))}});
        co_return fault(decoded.error(), nullptr, version);
    }
    const soap::addressing& headers = decoded->envelope.headers();
    const log::logger logger(headers.message_id);
    const transaction kind = transaction_of(headers.action);
    if (kind == transaction::unknown) {
        logger.info("soap.unknown_action",
                    {{"partner", caller.country}, {"action", headers.action}});
        co_return fault(make_error(errc::soap_unknown_action, "unknown wsa:Action")
                            .with("action", headers.action),
                        &headers, version);
    }
    // The transaction pipelines (assertions, policy, national store, translation) land with the
    // rest of issue #7; until then a known transaction is refused explicitly.
    logger.info("soap.transaction_unavailable",
                {{"partner", caller.country}, {"action", headers.action}});
    co_return fault(
        make_error(errc::not_available_yet, "this transaction is not available yet on this gateway")
            .with("action", headers.action),
        &headers, version);
}

}  // namespace ncpeh::gateway::ncp_a
