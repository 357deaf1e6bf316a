#include "gateway/ops/readiness.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace ncpeh::gateway::ops {

namespace {

readiness_check national_store_check(const result<unsigned>& probed) {
    if (!probed) {
        return {"national_store", false, "unreachable: " + probed.error().message};
    }
    if (*probed >= 500) {
        return {"national_store", false, "answers HTTP " + std::to_string(*probed)};
    }
    return {"national_store", true, ""};
}

}  // namespace

boost::asio::awaitable<std::vector<readiness_check>> check_readiness(
    const readiness_sources& sources, std::chrono::sys_seconds now) {
    std::vector<readiness_check> checks;
    checks.push_back(national_store_check(
        co_await probe_http(sources.national_store, sources.national_store_timeout)));
    const auto writable = sources.audit.check_writable();
    checks.push_back(
        {"database", writable.has_value(), writable ? std::string() : writable.error().message});
    const auto inventory = sources.trust();
    for (const trust_item& item : *inventory) {
        const std::string why = why_unusable(item, now);
        checks.push_back(
            {item.kind + " " + item.purpose + ": " + item.window.subject, why.empty(), why});
    }
    co_return checks;
}

bool is_ready(const std::vector<readiness_check>& checks) {
    return std::all_of(checks.begin(), checks.end(), [](const readiness_check& c) { return c.ok; });
}

std::string readiness_json(const std::vector<readiness_check>& checks) {
    boost::json::array listed;
    for (const readiness_check& check : checks) {
        boost::json::object entry{{"name", check.name}, {"state", check.ok ? "ok" : "failing"}};
        if (!check.ok) {
            entry["why"] = check.why;
        }
        listed.push_back(std::move(entry));
    }
    return boost::json::serialize(
        boost::json::object{{"ready", is_ready(checks)}, {"checks", listed}});
}

}  // namespace ncpeh::gateway::ops
