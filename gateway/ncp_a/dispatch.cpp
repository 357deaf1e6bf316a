#include "gateway/ncp_a/dispatch.hpp"

#include "gateway/ihe/transaction.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/soap_reply.hpp"
#include "gateway/ncp_a/xca_query/answer_xca_query.hpp"
#include "gateway/ncp_a/xca_retrieve/answer_xca_retrieve.hpp"
#include "gateway/ncp_a/xcpd/answer_xcpd.hpp"
#include "gateway/ncp_a/xdr_submit/answer_xdr_submit.hpp"
#include "gateway/net/run_on.hpp"
#include "gateway/soap/request.hpp"

namespace ncpeh::gateway::ncp_a {

namespace http = boost::beast::http;

boost::asio::awaitable<net::response> dispatch(const responder_settings& settings,
                                               responder_services& services, const peer& caller,
                                               net::request&& req) {
    const auto received_at = std::chrono::system_clock::now();
    const unsigned version = req.version();
    if (req.method() != http::verb::post) {
        co_return fault_reply(make_error(errc::soap_malformed, "SOAP requests must use POST"),
                              nullptr, version);
    }
    const auto decode = [&req, &settings] {
        return soap::decode_request(req[http::field::content_type], req.body(),
                                    settings.xml_limits);
    };
    auto decoded = co_await net::run_on_if(parses_off_thread(services, req.body().size()),
                                           services.heavy_work, decode);
    if (!decoded) {
        log::logger().info("soap.rejected", {{"partner", caller.country},
                                             {"code", std::string(name_of(decoded.error().code))}});
        co_return fault_reply(decoded.error(), nullptr, version);
    }
    const soap::addressing& headers = decoded->envelope.headers();
    const auto kind = ihe::transaction_of_action(headers.action);
    const exchange ex{caller,      *decoded, log::logger(headers.message_id),
                      received_at, version,  soap::make_uuid_urn()};
    if (kind) {
        switch (*kind) {
            case ihe::transaction::xcpd:
                co_return co_await xcpd::answer_xcpd(settings, services, ex);
            case ihe::transaction::xca_query:
                co_return co_await xca_query::answer_xca_query(settings, services, ex);
            case ihe::transaction::xca_retrieve:
                co_return co_await xca_retrieve::answer_xca_retrieve(settings, services, ex);
            case ihe::transaction::xdr_submit:
                co_return co_await xdr_submit::answer_xdr_submit(settings, services, ex);
        }
    }
    ex.logger.info("soap.unknown_action",
                   {{"partner", caller.country}, {"action", headers.action}});
    co_return fault_reply(
        make_error(errc::soap_unknown_action, "unknown wsa:Action").with("action", headers.action),
        &headers, version);
}

}  // namespace ncpeh::gateway::ncp_a
