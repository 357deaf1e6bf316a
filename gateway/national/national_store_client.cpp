#include "gateway/national/national_store_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>

#include "translators/fhir/bundle.hpp"
#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"

namespace ncpeh::gateway::national {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
namespace fhir = translators::fhir;
using tcp = net::ip::tcp;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

std::string encode(std::string_view text) {
    return boost::urls::encode(text, boost::urls::unreserved_chars);
}

error unreachable(std::string message) {
    return make_error(errc::national_store_unreachable, std::move(message));
}

error bad_answer(std::string message) {
    return make_error(errc::national_data_access_failure, std::move(message));
}

/// Parses the body of a successful reply with `parse`, mapping shape errors to 4104.
template <class T, class Parse>
result<T> typed(const json::value& body, Parse parse) {
    auto parsed = parse(body);
    if (!parsed) {
        return bad_answer("the national store answered with an unusable resource: " +
                          parsed.error().message);
    }
    return std::move(*parsed);
}

template <class T>
result<std::vector<T>> typed_search(const json::value& body) {
    auto bundle = fhir::parse_bundle(body);
    if (!bundle) {
        return bad_answer("the national store answered with an unusable Bundle: " +
                          bundle.error().message);
    }
    std::vector<T> out;
    for (const auto* r : fhir::resources_of<T>(*bundle)) {
        out.push_back(*r);
    }
    return out;
}

std::string patient_search(std::string_view personnummer) {
    return "/Patient?identifier=" +
           encode(std::string(fhir::uris::personnummer) + "|" + std::string(personnummer));
}

/// The patient search with their consents included, relative (as a batch entry names it).
std::string patient_with_consents_search(std::string_view personnummer) {
    return patient_search(personnummer).substr(1) + "&_revinclude=Consent:patient";
}

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

}  // namespace

result<patient_with_consents> patient_with_consents_of(const json::value& searchset) {
    auto bundle = fhir::parse_bundle(searchset);
    if (!bundle) {
        return bad_answer("the national store answered with an unusable Bundle: " +
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
            return bad_answer("the national store answered the patient search with a " +
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
            return bad_answer("the national store included a Consent of another patient");
        }
    }
    return patient_with_consents{std::move(*patient), std::move(consents)};
}

namespace {

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
        return bad_answer(
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
            return bad_answer(
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
void append_prescriptions(const std::vector<batch_answer>& answers, std::size_t first,
                          std::vector<result<fhir::medication_request>>& out) {
    for (std::size_t i = first; i < answers.size(); ++i) {
        const batch_answer& a = answers[i];
        out.push_back(
            !a.succeeded()
                ? result<fhir::medication_request>(map_store_failure(a.status, body_of(a)))
                : typed<fhir::medication_request>(body_of(a), fhir::parse_medication_request));
    }
}

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

}  // namespace

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
    patient_with_prescriptions out{std::move(*found), {}};
    append_prescriptions(*answers, 1, out.prescriptions);
    return out;
}

error map_store_failure(unsigned http_status, const json::value& body) {
    std::string code;
    std::string diagnostics;
    if (auto outcome = fhir::parse_operation_outcome(body)) {
        code = fhir::outcome_code(*outcome, fhir::uris::store_error_system);
        if (!outcome->issues.empty()) {
            diagnostics = outcome->issues.front().diagnostics;
        }
    }
    errc mapped = errc::national_data_access_failure;
    if (code == "unknown-prescription") {
        mapped = errc::no_matching_eprescription;
    } else if (code == "no-dispenses-left") {
        mapped = errc::eprescription_already_dispensed;
    } else if (code == "prescription-expired" || code == "prescription-not-active" ||
               code == "dispense-interval") {
        mapped = errc::eprescription_not_dispensable;
    } else if (code == "unknown-patient") {
        mapped = errc::patient_not_found;
    } else if (code == "substitution-not-allowed") {
        mapped = errc::ed_substitution_not_allowed;
    } else if (code == "unknown-dispense") {
        mapped = errc::ed_discard_failed;
    } else if (code == "malformed-json" || code == "invalid-resource" ||
               code == "invalid-personnummer" || code == "invalid-identifier" ||
               code == "invalid-quantity" || code == "rule-violation" ||
               code == "patient-mismatch" || code == "product-mismatch" ||
               code == "idempotency-conflict") {
        mapped = errc::fhir_invalid;
    }
    std::string message = "national store: ";
    message += diagnostics.empty() ? "HTTP " + std::to_string(http_status) : diagnostics;
    return make_error(mapped, std::move(message))
        .with("store_code", code.empty() ? "none" : code)
        .with("http_status", std::to_string(http_status));
}

national_store_client::national_store_client(net::any_io_executor executor,
                                             national_store_endpoint endpoint,
                                             national_store_client_options options)
    : executor_(std::move(executor)), endpoint_(std::move(endpoint)), options_(options) {}

national_store_client::~national_store_client() = default;

net::awaitable<result<std::unique_ptr<beast::tcp_stream>>> national_store_client::connect() {
    tcp::resolver resolver(executor_);
    auto [resolve_error, endpoints] =
        co_await resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port), use_tuple);
    if (resolve_error) {
        co_return unreachable("cannot resolve the national store host: " + resolve_error.message());
    }
    auto stream = std::make_unique<beast::tcp_stream>(executor_);
    stream->expires_after(options_.timeout);
    auto [connect_error, connected] = co_await stream->async_connect(endpoints, use_tuple);
    (void)connected;
    if (connect_error) {
        co_return unreachable("cannot connect to the national store: " + connect_error.message());
    }
    ++connections_opened_;
    co_return std::move(stream);
}

net::awaitable<result<national_store_client::reply>> national_store_client::exchange_once(
    bhttp::verb method, const std::string& target, const std::string& body) {
    std::unique_ptr<beast::tcp_stream> stream;
    bool reused = false;
    if (!idle_.empty()) {
        stream = std::move(idle_.back());
        idle_.pop_back();
        reused = true;
    } else {
        auto connected = co_await connect();
        if (!connected) {
            co_return connected.error();
        }
        stream = std::move(*connected);
    }
    std::string path = endpoint_.base_path + target;
    if (path.empty()) {
        path = "/";  // the base endpoint itself (a batch)
    }
    bhttp::request<bhttp::string_body> req{method, std::move(path), 11};
    req.set(bhttp::field::host, endpoint_.host);
    req.set(bhttp::field::accept, "application/fhir+json");
    req.keep_alive(true);
    if (!body.empty()) {
        req.set(bhttp::field::content_type, "application/fhir+json");
        req.body() = body;
    }
    req.prepare_payload();
    stream->expires_after(options_.timeout);
    auto [write_error, written] = co_await bhttp::async_write(*stream, req, use_tuple);
    (void)written;
    beast::flat_buffer buffer;
    // Room for a typical FHIR answer up front: an empty buffer makes Beast read 512 bytes at a
    // time while it grows (a dozen recvmsg calls per answer instead of one or two).
    buffer.reserve(64 * 1024);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    boost::system::error_code read_error;
    if (!write_error) {
        auto [e, n] = co_await bhttp::async_read(*stream, buffer, parser, use_tuple);
        (void)n;
        read_error = e;
    }
    if (write_error || read_error) {
        auto e = unreachable(std::string("the national store connection failed: ") +
                             (write_error ? write_error : read_error).message());
        // A reused keep-alive connection may have been closed by the store meanwhile.
        co_return std::move(e).with("reused_connection", reused ? "true" : "false");
    }
    auto res = parser.release();
    if (res.keep_alive() && idle_.size() < options_.max_idle_connections) {
        idle_.push_back(std::move(stream));
    }
    reply out;
    out.status = res.result_int();
    auto parsed = fhir::parse_json_text(res.body());
    if (!parsed) {
        co_return bad_answer("the national store answered HTTP " + std::to_string(out.status) +
                             " with a body that is not JSON");
    }
    out.body = std::move(*parsed);
    co_return out;
}

net::awaitable<result<national_store_client::reply>> national_store_client::exchange(
    bhttp::verb method, std::string target, std::string body, bool idempotent) {
    const int attempts = idempotent ? std::max(1, options_.max_attempts) : 1;
    result<reply> last = unreachable("the national store was not called");
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        last = co_await exchange_once(method, target, body);
        if (last || last.error().code != errc::national_store_unreachable) {
            break;
        }
        // Only idempotent calls get here twice: a failed non-idempotent call may still have
        // been applied by the store, so it is reported, never repeated.
        if (attempt < attempts) {
            net::steady_timer pause(executor_, options_.retry_backoff * attempt);
            co_await pause.async_wait(use_tuple);
        }
    }
    if (last && (last->status < 200 || last->status >= 300)) {
        co_return map_store_failure(last->status, last->body);
    }
    co_return last;
}

net::awaitable<result<fhir::patient>> national_store_client::find_patient(
    std::string_view personnummer) {
    auto r = co_await exchange(bhttp::verb::get, patient_search(personnummer), {}, true);
    if (!r) {
        co_return r.error();
    }
    auto patients = typed_search<fhir::patient>(r->body);
    if (!patients) {
        co_return patients.error();
    }
    co_return only_patient(std::move(*patients));
}

net::awaitable<result<patient_with_consents>> national_store_client::find_patient_with_consents(
    std::string_view personnummer) {
    auto r = co_await exchange(bhttp::verb::get, "/" + patient_with_consents_search(personnummer),
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
    json::array entries;
    entries.push_back(read_entry(patient_with_consents_search(personnummer)));
    append_prescription_reads(entries, prescription_ids, 0, first_count);
    auto r = co_await exchange(bhttp::verb::post, "", json::serialize(batch_of(std::move(entries))),
                               true);
    if (!r) {
        co_return r.error();
    }
    auto out = patient_with_prescriptions_of(r->body, first_count);
    for (std::size_t from = first_count; out && from < prescription_ids.size();
         from += max_batch_entries) {
        const std::size_t count = std::min(max_batch_entries, prescription_ids.size() - from);
        json::array more;
        append_prescription_reads(more, prescription_ids, from, count);
        auto next = co_await exchange(bhttp::verb::post, "",
                                      json::serialize(batch_of(std::move(more))), true);
        if (!next) {
            co_return next.error();
        }
        auto answers = batch_answers_of(next->body, count);
        if (!answers) {
            co_return answers.error();
        }
        append_prescriptions(*answers, 0, out->prescriptions);
    }
    co_return out;
}

net::awaitable<result<fhir::patient>> national_store_client::read_patient(std::string_view id) {
    auto r = co_await exchange(bhttp::verb::get, "/Patient/" + encode(id), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed<fhir::patient>(r->body, fhir::parse_patient);
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
    auto r = co_await exchange(bhttp::verb::get, std::move(target), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed_search<fhir::medication_request>(r->body);
}

net::awaitable<result<std::vector<fhir::medication_dispense>>>
national_store_client::search_dispenses(std::string_view prescription_id) {
    auto r = co_await exchange(
        bhttp::verb::get, "/MedicationDispense?prescription=" + encode(prescription_id), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed_search<fhir::medication_dispense>(r->body);
}

net::awaitable<result<fhir::medication_request>> national_store_client::read_prescription(
    std::string_view id) {
    auto r = co_await exchange(bhttp::verb::get, "/MedicationRequest/" + encode(id), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed<fhir::medication_request>(r->body, fhir::parse_medication_request);
}

net::awaitable<result<fhir::medication>> national_store_client::read_medication(
    std::string_view npl_pack_id) {
    auto r = co_await exchange(bhttp::verb::get, "/Medication/" + encode(npl_pack_id), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed<fhir::medication>(r->body, fhir::parse_medication);
}

net::awaitable<result<dispense_receipt>> national_store_client::record_dispense(
    const fhir::medication_dispense& dispense) {
    if (dispense.actor_dispatch_id.empty()) {
        co_return make_error(errc::fhir_invalid,
                             "a dispense needs an actor dispatch id (it makes retries safe)");
    }
    auto r = co_await exchange(bhttp::verb::post, "/MedicationDispense",
                               json::serialize(fhir::to_json(dispense)), true);
    if (!r) {
        co_return r.error();
    }
    auto recorded = typed<fhir::medication_dispense>(r->body, fhir::parse_medication_dispense);
    if (!recorded) {
        co_return recorded.error();
    }
    co_return dispense_receipt{std::move(*recorded), r->status == 200};
}

net::awaitable<result<fhir::medication_dispense>> national_store_client::read_dispense(
    std::string_view id) {
    auto r = co_await exchange(bhttp::verb::get, "/MedicationDispense/" + encode(id), {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed<fhir::medication_dispense>(r->body, fhir::parse_medication_dispense);
}

net::awaitable<result<fhir::medication_dispense>> national_store_client::reverse_dispense(
    std::string_view id) {
    auto r = co_await exchange(bhttp::verb::post, "/MedicationDispense/" + encode(id) + "/$reverse",
                               {}, true);
    if (!r) {
        co_return r.error();
    }
    co_return typed<fhir::medication_dispense>(r->body, fhir::parse_medication_dispense);
}

net::awaitable<result<fhir::consent>> national_store_client::record_consent(
    const fhir::consent& consent) {
    auto r = co_await exchange(bhttp::verb::post, "/Consent",
                               json::serialize(fhir::to_json(consent)), false);
    if (!r) {
        co_return r.error();
    }
    co_return typed<fhir::consent>(r->body, fhir::parse_consent);
}

net::awaitable<result<std::vector<fhir::medication_request>>>
national_store_client::cross_border_prescriptions(std::string_view personnummer,
                                                  std::chrono::year_month_day today) {
    auto found = co_await find_patient_with_consents(personnummer);
    if (!found) {
        co_return found.error();
    }
    std::vector<std::string> active_only{std::string("aktiv")};
    auto prescriptions = co_await search_prescriptions(found->patient.id, std::move(active_only));
    if (!prescriptions) {
        co_return prescriptions.error();
    }
    std::vector<fhir::medication_request> out;
    for (auto& m : *prescriptions) {
        if (translators::sweden::is_dispensable_cross_border(found->patient, found->consents, m,
                                                             today)) {
            out.push_back(std::move(m));
        }
    }
    co_return out;
}

}  // namespace ncpeh::gateway::national
