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

json::object search_entry(const json::object& resource, std::string_view mode) {
    std::string full_url;
    if (const auto* type = resource.if_contains("resourceType"); type && type->is_string()) {
        full_url = std::string(type->get_string());
    }
    if (const auto* id = resource.if_contains("id"); id && id->is_string()) {
        full_url += "/" + std::string(id->get_string());
    }
    return json::object{
        {"fullUrl", full_url}, {"resource", resource}, {"search", json::object{{"mode", mode}}}};
}

/// `total` counts the matches only, as FHIR defines it for searches with includes.
json::object searchset(const std::vector<json::object>& matches,
                       const std::vector<json::object>& includes = {}) {
    json::array entries;
    for (const auto& r : matches) {
        entries.push_back(search_entry(r, "match"));
    }
    for (const auto& r : includes) {
        entries.push_back(search_entry(r, "include"));
    }
    return json::object{{"resourceType", "Bundle"},
                        {"type", "searchset"},
                        {"total", static_cast<std::int64_t>(matches.size())},
                        {"entry", std::move(entries)}};
}

template <class T>
response answer(const request& req, store_result<T> r, unsigned ok_status = 200) {
    if (!r) {
        return reply_failure(req, r.error());
    }
    if constexpr (std::is_same_v<T, std::vector<json::object>>) {
        return reply(req, ok_status, searchset(*r));
    } else if constexpr (std::is_same_v<T, patients_with_consents>) {
        return reply(req, ok_status, searchset(r->patients, r->consents));
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

/// Whether the request asks for `_revinclude=Consent:patient`, which only the Patient search
/// supports. Any other `_include`/`_revinclude` is refused, not ignored (FHIR's strict
/// handling): a client would otherwise take an answer without its includes for a complete one.
store_result<bool> wants_consents(boost::urls::url_view url, bool patient_search) {
    bool consents = false;
    for (auto p : url.params()) {
        if (p.key != "_include" && p.key != "_revinclude") {
            continue;
        }
        if (p.key != "_revinclude" || p.value != "Consent:patient" || !patient_search) {
            return store_failure{store_error::unsupported_parameter,
                                 "unsupported search parameter " + p.key + "=" + p.value +
                                     " (only Patient?_revinclude=Consent:patient is supported)"};
        }
        consents = true;
    }
    return consents;
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

    auto consents = wants_consents(*url, get && kind == "Patient" && n == 1);
    if (!consents) {
        return reply_failure(req, consents.error());
    }

    if (kind == "health" && n == 1) {
        return get ? reply(req, 200, json::object{{"status", "ok"}}) : not_allowed();
    }
    if (kind == "Patient") {
        if (!get) {
            return not_allowed();
        }
        if (n == 1) {
            auto identifier = param("identifier");
            if (!identifier) {
                return missing("identifier");
            }
            return *consents ? answer(req, store.search_patients_with_consents(*identifier))
                             : answer(req, store.search_patients(*identifier));
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
