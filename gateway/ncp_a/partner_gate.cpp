#include "gateway/ncp_a/partner_gate.hpp"

#include <boost/beast/http/status.hpp>

#include "gateway/log/json_log.hpp"
#include "gateway/soap/fault.hpp"

namespace ncpeh::gateway::ncp_a {

namespace http = boost::beast::http;

namespace {

net::response fault_response(const error& e, unsigned version) {
    net::response res{static_cast<http::status>(soap::http_status_of(soap::fault_code_of(e))),
                      version};
    res.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
    res.body() = soap::write_fault(e, {});
    res.prepare_payload();
    return res;
}

}  // namespace

net::request_handler admit_partners(partner_directory partners, partner_handler handler) {
    return [partners = std::move(partners), handler = std::move(handler)](
               const net::connection_info& client,
               net::request&& req) -> boost::asio::awaitable<net::response> {
        const unsigned version = req.version();
        const auto country = partners.country_of(client.certificate_sha256);
        if (!country) {
            log::logger().warn("server.partner_unknown",
                               {{"certificate_sha256", client.certificate_sha256}});
            auto res = fault_response(
                make_error(errc::partner_unknown,
                           "the TLS client certificate is trusted but not configured for any "
                           "partner"),
                version);
            res.result(http::status::forbidden);
            co_return res;
        }
        const peer caller{*country, client.certificate_sha256, client.remote_address,
                          client.certificate_common_name};
        try {
            co_return co_await handler(caller, std::move(req));
        } catch (const std::exception& e) {
            log::logger().error("server.handler_failed", {{"reason", e.what()}});
        }
        co_return fault_response(make_error(errc::internal, "internal error"), version);
    };
}

}  // namespace ncpeh::gateway::ncp_a
