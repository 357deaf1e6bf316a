#include <boost/beast/http/field.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/national_api/api_operations.hpp"
#include "gateway/national_api/request_bodies.hpp"
#include "gateway/ncp_b/call_xca_query/list_eprescriptions.hpp"
#include "gateway/ncp_b/call_xca_retrieve/retrieve_eprescription.hpp"
#include "gateway/ncp_b/call_xcpd/identify_patient.hpp"
#include "translators/cda/administrative_gender.hpp"
#include "translators/cda/code_systems.hpp"
#include "translators/cda/product_atc.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/eprescription_l1/read_eprescription_l1.hpp"
#include "translators/eprescription_to_se_view/make_swedish_view.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/fhir_date.hpp"
#include "translators/sweden/swedish_date.hpp"

namespace ncpeh::gateway::national_api {

namespace json = boost::json;
namespace http = boost::beast::http;

namespace {

// yyyyMMdd → YYYY-MM-DD (what HL7 gives), else as given.
std::string fhir_date_of(std::string_view hl7) {
    if (hl7.size() >= 8) {
        return std::string(hl7.substr(0, 4)) + "-" + std::string(hl7.substr(4, 2)) + "-" +
               std::string(hl7.substr(6, 2));
    }
    return std::string(hl7);
}

json::object patient_json(const ncp_b::foreign_patient& p) {
    json::array identifiers;
    identifiers.push_back(json::object{{"oid", p.match.id.root}, {"value", p.match.id.extension}});
    for (const auto& other : p.match.other_ids) {
        identifiers.push_back(json::object{{"oid", other.root}, {"value", other.extension}});
    }
    json::object out{{"id", p.id}, {"identifiers", identifiers}};
    if (p.match.name) {
        json::array given;
        for (const auto& g : p.match.name->given) {
            given.emplace_back(g);
        }
        out["name"] = json::object{{"family", p.match.name->family}, {"given", given}};
    }
    if (p.match.birth_time) {
        out["birthDate"] = fhir_date_of(*p.match.birth_time);
    }
    if (p.match.gender) {
        out["gender"] = translators::cda::fhir_gender_of(*p.match.gender);
    }
    return out;
}

// The patient of the path, identified in this session in the `country` of the query.
boost::asio::awaitable<result<identified_patient>> identified_patient_of(const api_call& call) {
    const std::string country(call.route.query_value("country"));
    if (country.empty()) {
        co_return make_error(errc::invalid_argument, "the query parameter country is required")
            .with("element", "country");
    }
    identified_patient patient{country, call.route.path_parameters.at(0)};
    auto known = co_await call.context.sessions.identified(call.opened->id, patient);
    if (!known) {
        co_return known.error();
    }
    if (!*known) {
        co_return make_error(errc::insufficient_rights,
                             "the patient was not identified in this session: call "
                             "POST foreign-patients/$identify first")
            .with("element", "patientId");
    }
    co_return patient;
}

std::string event_code(const ihe::document_entry& entry, std::string_view scheme) {
    for (const auto& code : entry.event_codes) {
        if (code.scheme == scheme) {
            return code.code;
        }
    }
    return {};
}

bool is_pdf(const ihe::document_entry& entry) {
    return ihe::xds_id::is_format(entry.format_code.code, ihe::xds_id::format_pdf);
}

json::object listed_json(const ihe::document_pair& pair, std::string_view home_community_id) {
    const ihe::document_entry& e = pair.pivot;
    bool closed = false;
    for (const auto& code : e.event_codes) {
        closed = closed || code.code.ends_with(":closed") || code.code == "closed";
    }
    json::object out{{"documentId", e.unique_id},
                     {"repositoryUniqueId", e.repository_unique_id},
                     {"homeCommunityId", std::string(home_community_id)},
                     {"level", is_pdf(e) ? "L1" : "L3"},
                     {"title", e.title},
                     {"product", e.description},
                     {"atc", event_code(e, translators::cda::code_systems::atc)},
                     {"doseForm", event_code(e, translators::cda::code_systems::edqm)},
                     {"strength", event_code(e, "eHDSI_Strength_CodeSystem")},
                     {"dispensable", !closed},
                     {"created", e.creation_time}};
    if (pair.original && is_pdf(*pair.original)) {
        out["pdfDocumentId"] = pair.original->unique_id;
    }
    return out;
}

bool wants_pdf(const net::request& request) {
    return request[http::field::accept].find("application/pdf") != std::string_view::npos;
}

}  // namespace

boost::asio::awaitable<result<api_reply>> identify_patient(const api_call& call) {
    auto asked =
        read_identify_request(call.request[http::field::content_type], call.request.body());
    if (!asked) {
        co_return asked.error();
    }
    auto found = co_await ncp_b::identify_patient(call.context.settings, call.context.services,
                                                  *call.opened, *asked);
    if (!found) {
        co_return found.error();
    }
    json::array patients;
    for (const ncp_b::foreign_patient& p : *found) {
        identified_patient patient{asked->country, p.id};
        auto remembered =
            co_await call.context.sessions.remember_patient(call.opened->id, std::move(patient));
        if (!remembered) {
            co_return remembered.error();
        }
        patients.push_back(patient_json(p));
    }
    co_return api_reply{
        200, json::object{{"country", asked->country}, {"patients", patients}}, {}, {}, {}};
}

boost::asio::awaitable<result<api_reply>> list_eprescriptions(const api_call& call) {
    auto patient = co_await identified_patient_of(call);
    if (!patient) {
        co_return patient.error();
    }
    auto listed =
        co_await ncp_b::list_eprescriptions(call.context.settings, call.context.services,
                                            *call.opened, patient->country, patient->patient_id);
    if (!listed) {
        co_return listed.error();
    }
    const auto partner = ncp_b::partner_for(call.context.settings, patient->country);
    json::array documents;
    for (const ihe::document_pair& pair : *listed) {
        documents.push_back(listed_json(pair, partner ? (*partner)->home_community_id : ""));
    }
    co_return api_reply{200,
                        json::object{{"country", patient->country},
                                     {"patientId", patient->patient_id},
                                     {"eprescriptions", documents}},
                        {},
                        {},
                        {}};
}

boost::asio::awaitable<result<api_reply>> retrieve_eprescription(const api_call& call) {
    auto patient = co_await identified_patient_of(call);
    if (!patient) {
        co_return patient.error();
    }
    const ncp_b::retrieve_request asked{patient->country, patient->patient_id,
                                        call.route.path_parameters.at(1),
                                        std::string(call.route.query_value("repositoryUniqueId"))};
    const auto& settings = call.context.settings;
    auto retrieved = co_await ncp_b::retrieve_eprescription(settings, call.context.services,
                                                            *call.opened, asked);
    if (!retrieved) {
        co_return retrieved.error();
    }
    const bool is_l1 = translators::eprescription_l1::has_non_xml_body(retrieved->document.root());
    if (wants_pdf(call.request) != is_l1) {
        co_return make_error(errc::invalid_argument,
                             is_l1 ? "this document is the L1 (PDF) rendering of a prescription: "
                                     "ask for it with Accept: application/pdf, or for the L3 "
                                     "documentId to get the Swedish view"
                                   : "this document is the L3 pivot: its PDF is the listed "
                                     "pdfDocumentId, asked for with Accept: application/pdf")
            .with("document", asked.document_id);
    }
    if (is_l1) {
        auto pdf = translators::eprescription_l1::read_embedded_pdf(retrieved->document.root());
        if (!pdf) {
            co_return pdf.error();
        }
        co_return api_reply{200, {}, "application/pdf", std::move(*pdf), {}};
    }
    auto prescription = translators::cda::read_eprescription(retrieved->document);
    if (!prescription) {
        co_return prescription.error();
    }
    // The Swedish products that could fill each item: those with the prescribed ATC code.
    std::vector<translators::fhir::medication> products;
    std::vector<std::string> atc_codes{translators::cda::atc_of(prescription->item.product)};
    for (const auto& further : prescription->further_items) {
        atc_codes.push_back(translators::cda::atc_of(further.product));
    }
    for (const std::string& atc : atc_codes) {
        if (atc.empty()) {
            continue;
        }
        auto found = co_await call.context.services.store.find_products_by_atc(atc);
        if (!found) {
            co_return found.error();
        }
        products.insert(products.end(), found->begin(), found->end());
    }
    const auto today = settings.fixed_today.value_or(
        translators::sweden::swedish_date(std::chrono::system_clock::now()));
    auto view = translators::eprescription_to_se_view::make_swedish_view(
        {*prescription, products, translators::fhir::format_fhir_date(today)}, *settings.tables);
    if (!view) {
        co_return view.error();
    }
    retrieved_document kept{patient->country, patient->patient_id, asked.document_id,
                            std::move(retrieved->cda)};
    auto remembered =
        co_await call.context.sessions.remember_document(call.opened->id, std::move(kept));
    if (!remembered) {
        co_return remembered.error();
    }
    co_return api_reply{200,
                        {},
                        "application/fhir+json",
                        json::serialize(translators::fhir::to_json(
                            translators::eprescription_to_se_view::to_bundle(*view))),
                        {}};
}

}  // namespace ncpeh::gateway::national_api
