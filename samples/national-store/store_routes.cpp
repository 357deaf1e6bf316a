#include "samples/national-store/store_routes.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <exception>
#include <string>
#include <vector>

#include "translators/fhir/resource.hpp"

namespace ncpeh::samples::national_store {

namespace json = boost::json;
namespace bhttp = boost::beast::http;
using gateway::net::request;
using gateway::net::response;

namespace {

constexpr std::string_view fhir_json = "application/fhir+json";

/// What a route answers: the status and body, before they become HTTP (or a batch entry).
struct routed {
    unsigned status = 200;
    json::object body;
    std::string location;  ///< the Location header, when the route created something
};

routed failed(const store_failure& f) {
    return {http_status_of(f.code), to_operation_outcome(f), {}};
}

json::object search_entry(json::object resource, std::string_view mode) {
    std::string full_url;
    if (const auto* type = resource.if_contains("resourceType"); type && type->is_string()) {
        full_url = std::string(type->get_string());
    }
    if (const auto* id = resource.if_contains("id"); id && id->is_string()) {
        full_url += "/" + std::string(id->get_string());
    }
    return json::object{{"fullUrl", full_url},
                        {"resource", std::move(resource)},
                        {"search", json::object{{"mode", mode}}}};
}

/// `total` counts the matches only, as FHIR defines it for searches with includes.
/// The resources are moved into the Bundle, not copied.
json::object searchset(std::vector<json::object> matches, std::vector<json::object> includes = {}) {
    const auto total = static_cast<std::int64_t>(matches.size());
    json::array entries;
    entries.reserve(matches.size() + includes.size());
    for (auto& r : matches) {
        entries.push_back(search_entry(std::move(r), "match"));
    }
    for (auto& r : includes) {
        entries.push_back(search_entry(std::move(r), "include"));
    }
    return json::object{{"resourceType", "Bundle"},
                        {"type", "searchset"},
                        {"total", total},
                        {"entry", std::move(entries)}};
}

template <class T>
routed answer(store_result<T> r, unsigned ok_status = 200) {
    if (!r) {
        return failed(r.error());
    }
    if constexpr (std::is_same_v<T, std::vector<json::object>>) {
        return {ok_status, searchset(std::move(*r)), {}};
    } else if constexpr (std::is_same_v<T, patients_with_consents>) {
        return {ok_status, searchset(std::move(r->patients), std::move(r->consents)), {}};
    } else {
        return {ok_status, std::move(*r), {}};
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

routed route(prescription_store& store, bhttp::verb method, std::string_view target,
             std::string_view body);

/// At most this many entries per batch: a batch is one request's worth of reads.
constexpr std::size_t max_batch_entries = 64;

/// "404 Not Found": the status of a batch-response entry.
std::string status_line(unsigned status) {
    return std::to_string(status) + " " +
           std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(status)));
}

/// One entry of a batch: routed like a request of its own, never failing the others.
json::object answer_batch_entry(prescription_store& store, const json::value& entry) {
    routed r;
    const auto* call = entry.is_object() ? entry.as_object().if_contains("request") : nullptr;
    const auto* method =
        call && call->is_object() ? call->as_object().if_contains("method") : nullptr;
    const auto* url = call && call->is_object() ? call->as_object().if_contains("url") : nullptr;
    if (!method || !method->is_string() || !url || !url->is_string()) {
        r = failed(
            {store_error::invalid_resource, "a batch entry needs request.method and request.url"});
    } else if (method->as_string() != "GET") {
        r = failed({store_error::method_not_allowed, "only reads (GET) can be batched"});
    } else {
        const std::string_view relative = url->as_string();
        const std::string target =
            relative.starts_with('/') ? std::string(relative) : "/" + std::string(relative);
        try {
            r = route(store, bhttp::verb::get, target, {});
        } catch (const std::exception& e) {
            r = failed({store_error::internal, e.what()});
        }
    }
    json::object response{{"status", status_line(r.status)}};
    if (r.status >= 200 && r.status < 300) {
        return json::object{{"resource", std::move(r.body)}, {"response", std::move(response)}};
    }
    response["outcome"] = std::move(r.body);
    return json::object{{"response", std::move(response)}};
}

/// FHIR `batch`: the entries' answers in the same order, as a `batch-response` Bundle.
routed answer_batch(prescription_store& store, std::string_view body) {
    auto parsed = translators::fhir::parse_json_text(body);
    if (!parsed) {
        return failed({store_error::malformed_json, parsed.error().message});
    }
    const auto* bundle = parsed->if_object();
    const auto* type = bundle ? bundle->if_contains("type") : nullptr;
    const auto* resource_type = bundle ? bundle->if_contains("resourceType") : nullptr;
    if (!resource_type || *resource_type != "Bundle" || !type || *type != "batch") {
        return failed(
            {store_error::invalid_resource, "the base endpoint takes a Bundle of type batch"});
    }
    const auto* entries = bundle->if_contains("entry");
    if (entries && !entries->is_array()) {
        return failed({store_error::invalid_resource, "Bundle.entry must be an array"});
    }
    json::array answers;
    if (entries) {
        if (entries->as_array().size() > max_batch_entries) {
            return failed(
                {store_error::rule_violation,
                 "a batch holds at most " + std::to_string(max_batch_entries) + " entries"});
        }
        for (const auto& entry : entries->as_array()) {
            answers.push_back(answer_batch_entry(store, entry));
        }
    }
    return {
        200,
        json::object{
            {"resourceType", "Bundle"}, {"type", "batch-response"}, {"entry", std::move(answers)}},
        {}};
}

routed route(prescription_store& store, bhttp::verb method, std::string_view target,
             std::string_view body) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) {
        return failed({store_error::unknown_endpoint, "unparsable request target"});
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
    const bool get = method == bhttp::verb::get;
    const bool post = method == bhttp::verb::post;
    const auto n = segments.size();
    const std::string kind = n > 0 ? segments[0] : std::string();
    auto not_allowed = [] {
        return failed({store_error::method_not_allowed, "method not allowed here"});
    };
    auto missing = [](std::string_view what) {
        return failed({store_error::rule_violation,
                       "the search parameter " + std::string(what) + " is required"});
    };

    auto consents = wants_consents(*url, get && kind == "Patient" && n == 1);
    if (!consents) {
        return failed(consents.error());
    }

    if (n == 0) {
        return post ? answer_batch(store, body) : not_allowed();
    }
    if (kind == "health" && n == 1) {
        return get ? routed{200, json::object{{"status", "ok"}}, {}} : not_allowed();
    }
    if (kind == "metadata" && n == 1) {  // what a FHIR client (ncpeh's readiness) probes
        return get ? routed{200,
                            json::object{{"resourceType", "CapabilityStatement"},
                                         {"status", "active"},
                                         {"kind", "instance"},
                                         {"fhirVersion", "4.0.1"},
                                         {"format", json::array{"json"}}},
                            {}}
                   : not_allowed();
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
            return *consents ? answer(store.search_patients_with_consents(*identifier))
                             : answer(store.search_patients(*identifier));
        }
        if (n == 2) {
            return answer(store.read_patient(segments[1]));
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
            return answer(store.search_prescriptions(
                *patient, status ? split_commas(*status) : std::vector<std::string>{}));
        }
        if (n == 2) {
            return answer(store.read_prescription(segments[1]));
        }
    }
    if (kind == "Medication" && n == 1) {
        if (!get) {
            return not_allowed();
        }
        auto code = param("code");
        return code ? answer(store.search_medications_by_atc(*code)) : missing("code");
    }
    if (kind == "Medication" && n == 2) {
        return get ? answer(store.read_medication(segments[1])) : not_allowed();
    }
    if (kind == "Practitioner") {
        if (!get) {
            return not_allowed();
        }
        if (n == 1) {
            auto identifier = param("identifier");
            return identifier ? answer(store.search_practitioners(*identifier))
                              : missing("identifier");
        }
        if (n == 2) {
            return answer(store.read_practitioner(segments[1]));
        }
    }
    if (kind == "MedicationDispense") {
        if (n == 1 && post) {
            auto recorded = store.record_dispense(body);
            if (!recorded) {
                return failed(recorded.error());
            }
            routed r{recorded->replayed ? 200U : 201U, std::move(recorded->dispense), {}};
            if (const auto* id = r.body.if_contains("id"); id && id->is_string()) {
                r.location = "MedicationDispense/" + std::string(id->get_string());
            }
            return r;
        }
        if (n == 1 && get) {
            auto prescription = param("prescription");
            return prescription ? answer(store.search_dispenses(*prescription))
                                : missing("prescription");
        }
        if (n == 2) {
            return get ? answer(store.read_dispense(segments[1])) : not_allowed();
        }
        if (n == 3 && segments[2] == "$reverse") {
            return post ? answer(store.reverse_dispense(segments[1])) : not_allowed();
        }
    }
    if (kind == "Consent" && n == 1) {
        if (get) {
            auto patient = param("patient");
            return patient ? answer(store.search_consents(*patient)) : missing("patient");
        }
        if (post) {
            return answer(store.record_consent(body), 201);
        }
        return not_allowed();
    }
    return failed({store_error::unknown_endpoint, "no such endpoint: " + std::string(url->path())});
}

}  // namespace

response handle_store_request(prescription_store& store, request&& req) {
    routed r;
    try {
        r = route(store, req.method(), req.target(), req.body());
    } catch (const std::exception& e) {
        r = failed({store_error::internal, e.what()});
    }
    response out{static_cast<bhttp::status>(r.status), req.version()};
    out.set(bhttp::field::content_type, fhir_json);
    out.set(bhttp::field::server, "ncpeh-national-store");
    if (r.status == http_status_of(store_error::method_not_allowed)) {
        out.set(bhttp::field::allow, "GET, POST");
    }
    if (!r.location.empty()) {
        out.set(bhttp::field::location, r.location);
    }
    out.body() = json::serialize(r.body);
    return out;
}

gateway::net::response fault_answer(std::string_view fault, unsigned http_version) {
    const bool server_error = fault == "http-500";
    response out{server_error ? bhttp::status::internal_server_error : bhttp::status::ok,
                 http_version};
    out.set(bhttp::field::content_type, fhir_json);
    out.set(bhttp::field::server, "ncpeh-national-store");
    out.body() = server_error
                     ? R"({"resourceType":"OperationOutcome","issue":[{"severity":"error",)"
                       R"("code":"exception","diagnostics":"injected fault"}]})"
                     : R"({"resourceType":"Bundle","type":"searchset","total":1,"entry":[{"res)";
    out.prepare_payload();
    return out;
}

}  // namespace ncpeh::samples::national_store
