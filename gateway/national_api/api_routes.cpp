#include "gateway/national_api/api_routes.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/url/parse.hpp>

namespace ncpeh::gateway::national_api {

std::string_view routed_request::query_value(std::string_view name) const noexcept {
    for (const auto& [key, value] : query) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

namespace {

std::vector<std::string_view> template_segments(std::string_view path) {
    std::vector<std::string_view> out;
    path.remove_prefix(1);
    while (!path.empty()) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
    return out;
}

// The path parameters when `segments` fit the route's template.
std::optional<std::vector<std::string>> match(const route& r,
                                              const std::vector<std::string>& segments) {
    const auto pattern = template_segments(r.path);
    if (pattern.size() != segments.size()) {
        return std::nullopt;
    }
    std::vector<std::string> parameters;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i].starts_with('{')) {
            parameters.push_back(segments[i]);
        } else if (pattern[i] != segments[i]) {
            return std::nullopt;
        }
    }
    return parameters;
}

}  // namespace

result<routed_request> resolve_route(boost::beast::http::verb method, std::string_view target) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) {
        return make_error(errc::invalid_argument, "the request target is not a URL path");
    }
    std::vector<std::string> segments;
    for (const std::string segment : url->segments()) {
        if (segment.empty()) {
            return make_error(errc::unknown_route, "the path has an empty segment");
        }
        segments.push_back(segment);
    }
    std::string allow;
    for (const route& r : routes) {
        auto parameters = match(r, segments);
        if (!parameters) {
            continue;
        }
        if (r.method != method) {
            allow.append(allow.empty() ? "" : ", ").append(boost::beast::http::to_string(r.method));
            continue;
        }
        routed_request routed;
        routed.to = &r;
        routed.path_parameters = std::move(*parameters);
        for (const auto& param : url->params()) {
            routed.query.emplace_back(param.key, param.value);
        }
        return routed;
    }
    if (!allow.empty()) {
        return make_error(errc::unknown_route,
                          "this path does not accept " +
                              std::string(boost::beast::http::to_string(method)))
            .with("allow", allow);
    }
    return make_error(errc::unknown_route, "the national API has no such path")
        .with("path", std::string(url->path()));
}

}  // namespace ncpeh::gateway::national_api
