#include "gateway/ops/ops_routes.hpp"

#include <boost/beast/http/status.hpp>

namespace ncpeh::gateway::ops {

namespace http = boost::beast::http;

namespace {

net::response answer(http::status status, unsigned version, std::string body,
                     std::string_view content_type = "application/json") {
    net::response res{status, version};
    res.set(http::field::content_type, content_type);
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    return res;
}

}  // namespace

net::request_handler ops_routes(const ops_sources& sources) {
    return [&sources](const net::connection_info&,
                      net::request&& req) -> boost::asio::awaitable<net::response> {
        const unsigned version = req.version();
        const std::string_view path = req.target().substr(0, req.target().find('?'));
        const bool known = path == "/healthz" || path == "/readyz" || path == "/metrics";
        if (!known) {
            co_return answer(http::status::not_found, version, R"({"error":"no such route"})");
        }
        if (req.method() != http::verb::get) {
            auto res = answer(http::status::method_not_allowed, version,
                              R"({"error":"only GET is served here"})");
            res.set(http::field::allow, "GET");
            co_return res;
        }
        if (path == "/healthz") {
            co_return answer(http::status::ok, version, R"({"status":"serving"})");
        }
        if (path == "/readyz") {
            const auto checks = co_await check_readiness(
                sources.readiness,
                std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
            co_return answer(
                is_ready(checks) ? http::status::ok : http::status::service_unavailable, version,
                readiness_json(checks));
        }
        co_return answer(http::status::ok, version, sources.metrics.write(),
                         prometheus_content_type);
    };
}

}  // namespace ncpeh::gateway::ops
