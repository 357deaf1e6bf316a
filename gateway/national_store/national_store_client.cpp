#include "gateway/national_store/national_store_client.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <iterator>

#include "gateway/national_store/store_answers.hpp"
#include "gateway/national_store/store_batches.hpp"
#include "gateway/national_store/store_requests.hpp"

namespace ncpeh::gateway::national_store {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
namespace fhir = translators::fhir;

namespace {

/// A call answered with one resource, read by `parse` (one of `translators::fhir::parse_*`).
template <class T, class Parse>
net::awaitable<result<T>> resource_call(store_exchange& http, bhttp::verb method,
                                        std::string target, std::string body, bool idempotent,
                                        Parse parse) {
    auto r = co_await http.send(method, std::move(target), std::move(body), idempotent);
    if (!r) {
        co_return r.error();
    }
    co_return resource_of<T>(r->body, parse);
}

/// A search (GET, retried) answered with a searchset of `T`.
template <class T>
net::awaitable<result<std::vector<T>>> search_call(store_exchange& http, std::string target) {
    auto r = co_await http.send(bhttp::verb::get, std::move(target), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return search_results_of<T>(r->body);
}

}  // namespace

national_store_client::national_store_client(net::any_io_executor executor,
                                             national_store_endpoint endpoint,
                                             national_store_client_options options)
    : http_(std::move(executor), std::move(endpoint), options) {}

net::awaitable<result<fhir::patient>> national_store_client::find_patient(
    std::string_view personnummer) {
    auto patients = co_await search_call<fhir::patient>(http_, patient_search(personnummer));
    if (!patients) {
        co_return patients.error();
    }
    co_return only_patient(std::move(*patients));
}

net::awaitable<result<patient_with_consents>> national_store_client::find_patient_with_consents(
    std::string_view personnummer) {
    auto r = co_await http_.send(bhttp::verb::get, "/" + patient_with_consents_search(personnummer),
                                 {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return patient_with_consents_of(r->body);
}

net::awaitable<result<patient_with_prescriptions>>
national_store_client::read_patient_and_prescriptions(
    std::string_view personnummer, const std::vector<std::string>& prescription_ids) {
    // The first batch also reads the patient; a request naming more prescriptions than the
    // store takes in one batch continues in further batches.
    const std::size_t first_count = std::min(prescription_ids.size(), max_batch_entries - 1);
    auto r = co_await http_.send(
        bhttp::verb::post, "",
        patient_and_prescriptions_batch(personnummer, prescription_ids, first_count), true);
    if (!r) {
        co_return r.error();
    }
    auto out = patient_with_prescriptions_of(r->body, first_count);
    for (std::size_t from = first_count; out && from < prescription_ids.size();
         from += max_batch_entries) {
        const std::size_t count = std::min(max_batch_entries, prescription_ids.size() - from);
        auto next = co_await http_.send(bhttp::verb::post, "",
                                        prescriptions_batch(prescription_ids, from, count), true);
        if (!next) {
            co_return next.error();
        }
        auto more = prescriptions_of(next->body, count);
        if (!more) {
            co_return more.error();
        }
        std::move(more->begin(), more->end(), std::back_inserter(out->prescriptions));
    }
    co_return out;
}

net::awaitable<result<fhir::patient>> national_store_client::read_patient(std::string_view id) {
    return resource_call<fhir::patient>(http_, bhttp::verb::get, "/Patient/" + encode(id), {}, true,
                                        fhir::parse_patient);
}

net::awaitable<result<std::vector<fhir::medication_request>>>
national_store_client::search_prescriptions(std::string_view patient_id,
                                            std::vector<std::string> statuses) {
    std::string target = "/MedicationRequest?patient=" + encode(patient_id);
    if (!statuses.empty()) {
        std::string joined;
        for (const auto& s : statuses) {
            joined += (joined.empty() ? "" : ",") + s;
        }
        target += "&status=" + encode(joined);
    }
    return search_call<fhir::medication_request>(http_, std::move(target));
}

net::awaitable<result<std::vector<fhir::medication_dispense>>>
national_store_client::search_dispenses(std::string_view prescription_id) {
    return search_call<fhir::medication_dispense>(
        http_, "/MedicationDispense?prescription=" + encode(prescription_id));
}

net::awaitable<result<fhir::medication_request>> national_store_client::read_prescription(
    std::string_view id) {
    return resource_call<fhir::medication_request>(http_, bhttp::verb::get,
                                                   "/MedicationRequest/" + encode(id), {}, true,
                                                   fhir::parse_medication_request);
}

net::awaitable<result<fhir::medication>> national_store_client::read_medication(
    std::string_view npl_pack_id) {
    return resource_call<fhir::medication>(http_, bhttp::verb::get,
                                           "/Medication/" + encode(npl_pack_id), {}, true,
                                           fhir::parse_medication);
}

net::awaitable<result<dispense_receipt>> national_store_client::record_dispense(
    const fhir::medication_dispense& dispense) {
    if (dispense.actor_dispatch_id.empty()) {
        co_return make_error(errc::fhir_invalid,
                             "a dispense needs an actor dispatch id (it makes retries safe)");
    }
    auto r = co_await http_.send(bhttp::verb::post, "/MedicationDispense",
                                 json::serialize(fhir::to_json(dispense)), true);
    if (!r) {
        co_return r.error();
    }
    auto recorded =
        resource_of<fhir::medication_dispense>(r->body, fhir::parse_medication_dispense);
    if (!recorded) {
        co_return recorded.error();
    }
    co_return dispense_receipt{std::move(*recorded), r->status == 200};
}

net::awaitable<result<fhir::medication_dispense>> national_store_client::read_dispense(
    std::string_view id) {
    return resource_call<fhir::medication_dispense>(http_, bhttp::verb::get,
                                                    "/MedicationDispense/" + encode(id), {}, true,
                                                    fhir::parse_medication_dispense);
}

net::awaitable<result<fhir::medication_dispense>> national_store_client::reverse_dispense(
    std::string_view id) {
    return resource_call<fhir::medication_dispense>(
        http_, bhttp::verb::post, "/MedicationDispense/" + encode(id) + "/$reverse", {}, true,
        fhir::parse_medication_dispense);
}

net::awaitable<result<practitioner_licence>> national_store_client::find_practitioner(
    std::string_view legitimationskod) {
    const std::string code(legitimationskod);
    auto r = co_await http_.send(bhttp::verb::get, practitioner_search(code), {}, true);
    if (!r) {
        co_return r.error();
    }
    auto found = search_objects_of(r->body, "Practitioner");
    if (!found) {
        co_return found.error();
    }
    const std::chrono::year_month_day today{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    co_return practitioner_licence_of(*found, code, today);
}

net::awaitable<result<std::vector<fhir::medication>>> national_store_client::find_products_by_atc(
    std::string_view atc) {
    return search_call<fhir::medication>(http_, medication_search_by_atc(atc));
}

net::awaitable<result<fhir::consent>> national_store_client::record_consent(
    const fhir::consent& consent) {
    return resource_call<fhir::consent>(http_, bhttp::verb::post, "/Consent",
                                        json::serialize(fhir::to_json(consent)), false,
                                        fhir::parse_consent);
}

}  // namespace ncpeh::gateway::national_store
