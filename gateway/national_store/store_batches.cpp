#include "gateway/national_store/store_batches.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "gateway/national_store/store_answers.hpp"
#include "gateway/national_store/store_errors.hpp"
#include "gateway/national_store/store_requests.hpp"

namespace ncpeh::gateway::national_store {

namespace json = boost::json;
namespace fhir = translators::fhir;

namespace {

json::object batch_of(json::array entries) {
    return json::object{
        {"resourceType", "Bundle"}, {"type", "batch"}, {"entry", std::move(entries)}};
}

/// A batch entry reading `url` (relative, as FHIR writes them in a batch: no leading slash).
json::object read_entry(std::string url) {
    return json::object{{"request", json::object{{"method", "GET"}, {"url", std::move(url)}}}};
}

/// Appends a read of each of `ids[from, from + count)` to `entries`.
void append_prescription_reads(json::array& entries, const std::vector<std::string>& ids,
                               std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
        entries.push_back(read_entry("MedicationRequest/" + encode(ids[i])));
    }
}

/// One answer of a batch-response: its HTTP status and the resource or OperationOutcome.
struct batch_answer {
    unsigned status = 0;
    const json::value* body = nullptr;

    bool succeeded() const noexcept { return status >= 200 && status < 300; }
};

/// "200 OK" → 200; 0 when the status does not start with three digits.
unsigned status_code_of(std::string_view status) {
    if (status.size() < 3 || !std::all_of(status.begin(), status.begin() + 3,
                                          [](char c) { return c >= '0' && c <= '9'; })) {
        return 0;
    }
    return static_cast<unsigned>((status[0] - '0') * 100 + (status[1] - '0') * 10 +
                                 (status[2] - '0'));
}

result<std::vector<batch_answer>> batch_answers_of(const json::value& body, std::size_t expected) {
    const auto* bundle = body.if_object();
    const auto* type = bundle ? bundle->if_contains("type") : nullptr;
    const auto* entries = bundle ? bundle->if_contains("entry") : nullptr;
    if (!type || *type != "batch-response" || !entries || !entries->is_array() ||
        entries->as_array().size() != expected) {
        return bad_store_answer(
            "the national store answered the batch with something other than a "
            "batch-response of " +
            std::to_string(expected) + " entries");
    }
    std::vector<batch_answer> out;
    for (const json::value& entry : entries->as_array()) {
        const auto* fields = entry.if_object();
        const auto* response = fields ? fields->if_contains("response") : nullptr;
        const auto* status = response && response->is_object()
                                 ? response->as_object().if_contains("status")
                                 : nullptr;
        batch_answer a;
        a.status = status && status->is_string() ? status_code_of(status->as_string()) : 0;
        a.body = a.succeeded()
                     ? fields->if_contains("resource")
                     : (a.status != 0 ? response->as_object().if_contains("outcome") : nullptr);
        if (a.status == 0 || (a.succeeded() && a.body == nullptr)) {
            return bad_store_answer(
                "the national store answered a batch entry without a status or "
                "resource");
        }
        out.push_back(a);
    }
    return out;
}

const json::value no_outcome;

const json::value& body_of(const batch_answer& a) {
    return a.body ? *a.body : no_outcome;
}

/// The prescription reads among `answers`, from `first` on, each with its own outcome.
std::vector<result<fhir::medication_request>> prescriptions_among(
    const std::vector<batch_answer>& answers, std::size_t first) {
    std::vector<result<fhir::medication_request>> out;
    for (std::size_t i = first; i < answers.size(); ++i) {
        const batch_answer& a = answers[i];
        out.push_back(!a.succeeded() ? result<fhir::medication_request>(
                                           map_store_failure(a.status, body_of(a)))
                                     : resource_of<fhir::medication_request>(
                                           body_of(a), fhir::parse_medication_request));
    }
    return out;
}

}  // namespace

std::string patient_and_prescriptions_batch(std::string_view personnummer,
                                            const std::vector<std::string>& prescription_ids,
                                            std::size_t count) {
    json::array entries;
    entries.push_back(read_entry(patient_with_consents_search(personnummer)));
    append_prescription_reads(entries, prescription_ids, 0, count);
    return json::serialize(batch_of(std::move(entries)));
}

std::string prescriptions_batch(const std::vector<std::string>& prescription_ids, std::size_t from,
                                std::size_t count) {
    json::array entries;
    append_prescription_reads(entries, prescription_ids, from, count);
    return json::serialize(batch_of(std::move(entries)));
}

result<patient_with_prescriptions> patient_with_prescriptions_of(const json::value& batch_response,
                                                                 std::size_t prescription_count) {
    auto answers = batch_answers_of(batch_response, 1 + prescription_count);
    if (!answers) {
        return answers.error();
    }
    const batch_answer& search = answers->front();
    if (!search.succeeded()) {
        return map_store_failure(search.status, body_of(search));
    }
    auto found = patient_with_consents_of(body_of(search));
    if (!found) {
        return found.error();
    }
    return patient_with_prescriptions{std::move(*found), prescriptions_among(*answers, 1)};
}

result<std::vector<result<fhir::medication_request>>> prescriptions_of(
    const json::value& batch_response, std::size_t prescription_count) {
    auto answers = batch_answers_of(batch_response, prescription_count);
    if (!answers) {
        return answers.error();
    }
    return prescriptions_among(*answers, 0);
}

}  // namespace ncpeh::gateway::national_store
