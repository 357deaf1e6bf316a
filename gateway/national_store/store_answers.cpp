#include "gateway/national_store/store_answers.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "translators/fhir/fhir_date.hpp"
#include "translators/fhir/practitioner.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"

namespace ncpeh::gateway::national_store {

namespace fhir = translators::fhir;
namespace json = boost::json;

namespace {

/// HOSP yrkeskoder of the professions that may dispense: apotekare and receptarie.
bool is_pharmacist_profession(std::string_view code) {
    return code == "AP" || code == "RC";
}

/// One qualification as the licence verdict needs it.
struct licence {
    std::string profession;
    bool in_force = false;
};

/// `qualification[i]` of the JSON: its profession code and whether its period covers `today`.
/// nullopt when it has no profession code or an unreadable period.
std::optional<licence> licence_in(const json::value& qualification,
                                  std::chrono::year_month_day today) {
    const auto* q = qualification.if_object();
    if (q == nullptr) {
        return std::nullopt;
    }
    licence out;
    if (auto code = q->if_contains("code")) {
        const auto* codings = code->is_object() ? code->as_object().if_contains("coding") : nullptr;
        if (codings && codings->is_array()) {
            for (const auto& c : codings->as_array()) {
                const auto* o = c.if_object();
                const auto* system = o ? o->if_contains("system") : nullptr;
                const auto* value = o ? o->if_contains("code") : nullptr;
                if (system && system->is_string() &&
                    system->as_string() == fhir::uris::profession_code && value &&
                    value->is_string()) {
                    out.profession = std::string(value->as_string());
                    break;
                }
            }
        }
    }
    if (out.profession.empty()) {
        return std::nullopt;
    }
    out.in_force = true;
    if (const auto* period = q->if_contains("period")) {
        if (!period->is_object()) {
            return std::nullopt;
        }
        for (const auto* key : {"start", "end"}) {
            const auto* text = period->as_object().if_contains(key);
            if (text == nullptr) {
                continue;
            }
            auto date = text->is_string() ? fhir::parse_fhir_date(text->as_string())
                                          : result<std::chrono::year_month_day>(
                                                make_error(errc::fhir_malformed, "not a string"));
            if (!date) {
                return std::nullopt;
            }
            if (std::string_view(key) == "start" ? today < *date : *date < today) {
                out.in_force = false;
            }
        }
    }
    return out;
}

std::string display_name(const fhir::practitioner& p) {
    for (const auto& n : p.name) {
        if (!n.text.empty()) {
            return n.text;
        }
        std::string out;
        for (const auto& part : n.given) {
            out += part + " ";
        }
        out += n.family;
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        if (!out.empty()) {
            return out;
        }
    }
    return {};
}

}  // namespace

result<fhir::patient> only_patient(std::vector<fhir::patient> patients) {
    if (patients.empty()) {
        return make_error(errc::patient_not_found,
                          "no patient in the national store has this identifier");
    }
    if (patients.size() > 1) {
        return make_error(errc::patient_multiple_matches,
                          "several patients in the national store share this identifier");
    }
    return std::move(patients.front());
}

result<patient_with_consents> patient_with_consents_of(const boost::json::value& searchset) {
    auto bundle = fhir::parse_bundle(searchset);
    if (!bundle) {
        return bad_store_answer("the national store answered with an unusable Bundle: " +
                                bundle.error().message);
    }
    std::vector<fhir::patient> matches;
    std::vector<fhir::consent> consents;
    for (auto& entry : bundle->entries) {
        auto* patient = std::get_if<fhir::patient>(&entry.resource);
        auto* consent = std::get_if<fhir::consent>(&entry.resource);
        if (entry.search_mode == "match" && patient) {
            matches.push_back(std::move(*patient));
        } else if (entry.search_mode == "include" && consent) {
            consents.push_back(std::move(*consent));
        } else if (entry.search_mode != "outcome") {
            return bad_store_answer("the national store answered the patient search with a " +
                                    std::string(fhir::resource_type_of(entry.resource)) +
                                    " entry of search mode \"" + entry.search_mode + "\"");
        }
    }
    auto patient = only_patient(std::move(matches));
    if (!patient) {
        return patient.error();
    }
    // Consents decide what leaves the country: one filed under another patient must not count.
    const std::string reference = "Patient/" + patient->id;
    for (const auto& c : consents) {
        if (c.patient.reference != reference) {
            return bad_store_answer("the national store included a Consent of another patient");
        }
    }
    return patient_with_consents{std::move(*patient), std::move(consents)};
}

result<std::vector<json::object>> search_objects_of(const json::value& body,
                                                    std::string_view resource_type) {
    const auto* bundle = body.if_object();
    const auto* type = bundle ? bundle->if_contains("resourceType") : nullptr;
    if (type == nullptr || *type != "Bundle") {
        return bad_store_answer("the national store answered a search without a Bundle");
    }
    std::vector<json::object> out;
    const auto* entries = bundle->if_contains("entry");
    if (entries == nullptr) {
        return out;
    }
    if (!entries->is_array()) {
        return bad_store_answer("the national store answered with an unusable Bundle.entry");
    }
    for (const auto& entry : entries->as_array()) {
        const auto* e = entry.if_object();
        const auto* resource = e ? e->if_contains("resource") : nullptr;
        const auto* kind = resource && resource->is_object()
                               ? resource->as_object().if_contains("resourceType")
                               : nullptr;
        if (kind == nullptr || !kind->is_string() || kind->get_string() != resource_type) {
            return bad_store_answer("the national store answered a " + std::string(resource_type) +
                                    " search with another entry");
        }
        out.push_back(resource->as_object());
    }
    return out;
}

result<practitioner_licence> practitioner_licence_of(const std::vector<json::object>& found,
                                                     std::string_view legitimationskod,
                                                     std::chrono::year_month_day today) {
    if (found.empty()) {
        return make_error(errc::pharmacist_not_licensed,
                          "legitimationskod " + std::string(legitimationskod) +
                              " is not in the national practitioner register");
    }
    if (found.size() > 1) {
        return bad_store_answer(
            "several practitioners in the national store share legitimationskod " +
            std::string(legitimationskod));
    }
    const json::object& raw = found.front();
    auto parsed = fhir::parse_practitioner(raw);
    if (!parsed) {
        return bad_store_answer("the national store answered with an unusable Practitioner: " +
                                parsed.error().message);
    }
    const bool has_code =
        std::any_of(parsed->identifiers.begin(), parsed->identifiers.end(), [&](const auto& i) {
            return (i.system == fhir::uris::legitimationskod ||
                    i.system ==
                        "urn:oid:" + std::string(translators::sweden::legitimationskod_oid)) &&
                   i.value == legitimationskod;
        });
    if (!has_code) {
        return bad_store_answer(
            "the national store answered with the Practitioner of another "
            "legitimationskod");
    }
    practitioner_licence out{std::string(legitimationskod), display_name(*parsed), {}, false};
    const auto* active = raw.if_contains("active");
    const bool register_active = active == nullptr || !active->is_bool() || active->as_bool();
    std::optional<licence> pharmacist;
    if (const auto* quals = raw.if_contains("qualification"); quals && quals->is_array()) {
        for (const auto& q : quals->as_array()) {
            auto l = licence_in(q, today);
            if (!l) {
                continue;
            }
            if (out.profession_code.empty()) {
                out.profession_code = l->profession;
            }
            if (is_pharmacist_profession(l->profession) &&
                (!pharmacist || (l->in_force && !pharmacist->in_force))) {
                pharmacist = l;
            }
        }
    }
    if (pharmacist) {
        out.profession_code = pharmacist->profession;
        out.licensed_pharmacist = pharmacist->in_force && register_active;
    }
    return out;
}

}  // namespace ncpeh::gateway::national_store
