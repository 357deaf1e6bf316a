#include "samples/national-store/store_routes.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <exception>
#include <string>
#include <vector>

namespace ncpeh::samples::national_store {

namespace json = boost::json;
namespace bhttp = boost::beast::http;
using gateway::http::request;
using gateway::http::response;

namespace {

constexpr std::string_view fhir_json = "application/fhir+json";

response reply(const request& req, unsigned status, const json::object& body) {
    response r{static_cast<bhttp::status>(status), req.version()};
    r.set(bhttp::field::content_type, fhir_json);
    r.set(bhttp::field::server, "ncpeh-national-store");
    r.body() = json::serialize(body);
    return r;
}

response reply_failure(const request& req, const store_failure& f) {
    auto r = reply(req, http_status_of(f.code), to_operation_outcome(f));
    if (f.code == store_error::method_not_allowed) {
        r.set(bhttp::field::allow, "GET, POST");
    }
    return r;
}

json::object searchset(const std::vector<json::object>& resources) {
    json::array entries;
    for (const auto& r : resources) {
        std::string full_url;
        if (const auto* type = r.if_contains("resourceType"); type && type->is_string()) {
            full_url = std::string(type->get_string());
        }
        if (const auto* id = r.if_contains("id"); id && id->is_string()) {
            full_url += "/" + std::string(id->get_string());
        }
        entries.push_back(json::object{
            {"fullUrl", full_url}, {"resource", r}, {"search", json::object{{"mode", "match"}}}});
    }
    return json::object{{"resourceType", "Bundle"},
                        {"type", "searchset"},
                        {"total", static_cast<std::int64_t>(resources.size())},
                        {"entry", std::move(entries)}};
}

template <class T>
response answer(const request& req, store_result<T> r, unsigned ok_status = 200) {
    if (!r) {
        return reply_failure(req, r.error());
    }
    if constexpr (std::is_same_v<T, std::vector<json::object>>) {
        return reply(req, ok_status, searchset(*r));
    } else {
        return reply(req, ok_status, *r);
    }
}

std::vector<std::string> split_commas(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        out.emplace_back(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    return out;
}

response route(prescription_store& store, request& req) {
    auto url = boost::urls::parse_origin_form(req.target());
    if (!url) {
        return reply_failure(req, {store_error::unknown_endpoint, "unparsable request target"});
    }
    std::vector<std::string> segments;
    for (auto s : url->segments()) {
        segments.emplace_back(s);
    }
    if (!segments.empty() && segments.front() == "fhir") {
        segments.erase(segments.begin());
    }
    auto param = [&url](std::string_view name) -> std::optional<std::string> {
        auto it = url->params().find(name);
        if (it == url->params().end()) {
            return std::nullopt;
        }
        return std::string((*it).value);
    };
    const bool get = req.method() == bhttp::verb::get;
    const bool post = req.method() == bhttp::verb::post;
    const auto n = segments.size();
    const std::string kind = n > 0 ? segments[0] : std::string();
    auto not_allowed = [&req] {
        return reply_failure(req, {store_error::method_not_allowed, "method not allowed here"});
    };
    auto missing = [&req](std::string_view what) {
        return reply_failure(req, {store_error::rule_violation,
                                   "the search parameter " + std::string(what) + " is required"});
    };

    if (kind == "health" && n == 1) {
        return get ? reply(req, 200, json::object{{"status", "ok"}}) : not_allowed();
    }
    if (kind == "Patient") {
        if (!get) {
            return not_allowed();
        }
        if (n == 1) {
            auto identifier = param("identifier");
            return identifier ? answer(req, store.search_patients(*identifier))
                              : missing("identifier");
        }
        if (n == 2) {
            return answer(req, store.read_patient(segments[1]));
        }
    }
    if (kind == "MedicationRequest") {
        if (!get) {
            return not_allowed();
        }
        if (n == 1) {
            auto patient = param("patient");
            if (!patient) {
                return missing("patient");
            }
            auto status = param("status");
            return answer(
                req, store.search_prescriptions(
                         *patient, status ? split_commas(*status) : std::vector<std::string>{}));
        }
        if (n == 2) {
            return answer(req, store.read_prescription(segments[1]));
        }
    }
    if (kind == "Medication" && n == 2) {
        return get ? answer(req, store.read_medication(segments[1])) : not_allowed();
    }
    if (kind == "MedicationDispense") {
        if (n == 1 && post) {
            auto recorded = store.record_dispense(req.body());
            if (!recorded) {
                return reply_failure(req, recorded.error());
            }
            auto r = reply(req, recorded->replayed ? 200 : 201, recorded->dispense);
            if (const auto* id = recorded->dispense.if_contains("id"); id && id->is_string()) {
                r.set(bhttp::field::location,
                      "MedicationDispense/" + std::string(id->get_string()));
            }
            return r;
        }
        if (n == 1 && get) {
            auto prescription = param("prescription");
            return prescription ? answer(req, store.search_dispenses(*prescription))
                                : missing("prescription");
        }
        if (n == 2) {
            return get ? answer(req, store.read_dispense(segments[1])) : not_allowed();
        }
        if (n == 3 && segments[2] == "$reverse") {
            return post ? answer(req, store.reverse_dispense(segments[1])) : not_allowed();
        }
    }
    if (kind == "Consent" && n == 1) {
        if (get) {
            auto patient = param("patient");
            return patient ? answer(req, store.search_consents(*patient)) : missing("patient");
        }
        if (post) {
            return answer(req, store.record_consent(req.body()), 201);
        }
        return not_allowed();
    }
    return reply_failure(
        req, {store_error::unknown_endpoint, "no such endpoint: " + std::string(url->path())});
}

}  // namespace

response handle_store_request(prescription_store& store, request&& req) {
    try {
        return route(store, req);
    } catch (const std::exception& e) {
        return reply_failure(req, {store_error::internal, e.what()});
    }
}

}  // namespace ncpeh::samples::national_store
