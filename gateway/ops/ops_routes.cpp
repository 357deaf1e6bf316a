#include "gateway/ops/ops_routes.hpp"

#include <boost/beast/http/status.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>

#include <fmt/chrono.h>

#include "gateway/ops/audit_view.hpp"
#include "gateway/ops/dashboard_assets.hpp"

namespace ncpeh::gateway::ops {

namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

net::response answer(http::status status, unsigned version, std::string body,
                     std::string_view content_type = "application/json") {
    net::response res{status, version};
    res.set(http::field::content_type, content_type);
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    return res;
}

net::response page(unsigned version, std::string_view body, std::string_view content_type) {
    auto res = answer(http::status::ok, version, std::string(body), content_type);
    // The dashboard loads nothing from elsewhere and runs no inline script.
    res.set("Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    res.set("X-Content-Type-Options", "nosniff");
    return res;
}

// The query parameter `name`, or empty.
std::string parameter(const boost::urls::url_view& url, std::string_view name) {
    const auto found = url.params().find(name);
    return found == url.params().end() ? std::string() : std::string((*found).value);
}

std::size_t limit_of(const std::string& text) {
    std::size_t value = 20;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return std::clamp<std::size_t>(value, 1, 200);
}

// Who asked, for the audit trail: the operator's certificate, or the loopback address.
std::string operator_of(const net::connection_info& client) {
    return client.certificate_sha256.empty() ? "loopback " + client.remote_address
                                             : "operator certificate " + client.certificate_sha256;
}

awaitable<net::response> newest_transactions(const ops_sources& sources,
                                             const net::connection_info& client,
                                             const boost::urls::url_view& url, unsigned version) {
    const bool unmask = parameter(url, "unmask") == "true";
    if (unmask) {
        // The access itself is audited first; without that record nothing is shown.
        audit::audit_event access;
        access.at = std::chrono::system_clock::now();
        access.transaction = "ops-unmask";
        access.requester = operator_of(client);
        auto recorded = co_await sources.audit.record(std::move(access));
        if (!recorded) {
            co_return answer(http::status::service_unavailable, version,
                             R"({"error":"the access could not be audited, so nothing is shown"})");
        }
    }
    // Arguments named before the co_await: GCC 12 mishandles temporaries built inside one.
    const std::size_t limit = limit_of(parameter(url, "limit"));
    auto events = co_await sources.audit.async_newest(limit);
    if (!events) {
        co_return answer(http::status::service_unavailable, version,
                         R"({"error":"the audit trail cannot be read now"})");
    }
    co_return answer(http::status::ok, version, transactions_json(*events, unmask));
}

// The month's KPIs count every row of the month (under the audit writer's lock on SQLite):
// computed at most once a minute however often dashboards ask.
struct kpi_cache {
    std::mutex mutex;
    std::chrono::steady_clock::time_point computed{};
    std::string body;
};
constexpr auto kpi_cache_time = std::chrono::minutes(1);

awaitable<net::response> current_month_kpis(const ops_sources& sources, kpi_cache& cache,
                                            unsigned version) {
    using namespace std::chrono;
    {
        const std::lock_guard lock(cache.mutex);
        if (!cache.body.empty() && steady_clock::now() - cache.computed < kpi_cache_time) {
            co_return answer(http::status::ok, version, cache.body);
        }
    }
    const year_month_day today{floor<days>(system_clock::now())};
    const sys_days from{today.year() / today.month() / 1};
    const sys_days to{(today.year() / today.month() + months(1)) / 1};
    // Not under the cache's lock: the count may wait for a database server. Dashboards asking
    // meanwhile count too; the last one keeps its answer.
    const system_clock::time_point first = from;
    const system_clock::time_point end = to;
    auto counts = co_await sources.audit.async_count_transactions(first, end);
    if (!counts) {
        co_return answer(http::status::service_unavailable, version,
                         R"({"error":"the audit trail cannot be read now"})");
    }
    std::string body =
        kpi_json(fmt::format("{:%F}", from), fmt::format("{:%F}", to), audit::kpi_rows(*counts));
    {
        const std::lock_guard lock(cache.mutex);
        cache.body = body;
        cache.computed = steady_clock::now();
    }
    co_return answer(http::status::ok, version, std::move(body));
}

}  // namespace

net::request_handler ops_routes(const ops_sources& sources) {
    auto kpis = std::make_shared<kpi_cache>();
    return [&sources, kpis](const net::connection_info& client,
                            net::request&& req) -> awaitable<net::response> {
        const unsigned version = req.version();
        const auto url = boost::urls::parse_origin_form(req.target());
        const std::string path = url ? std::string(url->path()) : std::string();
        static constexpr std::string_view routes[] = {
            "/",        "/dashboard.css", "/dashboard.js",     "/healthz",    "/readyz",
            "/metrics", "/api/kpi",       "/api/transactions", "/api/history"};
        if (std::find(std::begin(routes), std::end(routes), path) == std::end(routes)) {
            co_return answer(http::status::not_found, version, R"({"error":"no such route"})");
        }
        if (req.method() != http::verb::get) {
            auto res = answer(http::status::method_not_allowed, version,
                              R"({"error":"only GET is served here"})");
            res.set(http::field::allow, "GET");
            co_return res;
        }
        if (path == "/") {
            co_return page(version, dashboard_html(), "text/html; charset=utf-8");
        }
        if (path == "/dashboard.css") {
            co_return page(version, dashboard_css(), "text/css; charset=utf-8");
        }
        if (path == "/dashboard.js") {
            co_return page(version, dashboard_js(), "text/javascript; charset=utf-8");
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
        if (path == "/api/transactions") {
            co_return co_await newest_transactions(sources, client, *url, version);
        }
        if (path == "/api/history") {
            co_return answer(http::status::ok, version,
                             sources.history.json(std::chrono::system_clock::now()));
        }
        if (path == "/api/kpi") {
            co_return co_await current_month_kpis(sources, *kpis, version);
        }
        co_return answer(http::status::ok, version, sources.metrics.write(),
                         prometheus_content_type);
    };
}

}  // namespace ncpeh::gateway::ops
