// Starts the real `national-store` on a free loopback port with the seed data and exercises
// every endpoint through the gateway's national store client.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <regex>

#include "gateway/national_store/national_store_client.hpp"
#include "gateway/national_store/national_store_pool.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"

namespace net = boost::asio;
namespace fhir = ncpeh::translators::fhir;
using ncpeh::errc;
using ncpeh::gateway::national_store::national_store_client;

namespace {

constexpr const char* tolvan = "5e010001-0000-4000-8000-000000000001";
constexpr const char* pia = "5e01000a-0000-4000-8000-000000000010";
constexpr const char* tolvan_consent = "5e040001-0000-4000-8000-000000000001";
constexpr const char* nej_pnr = "190303039937";  // "Nej Utansamtycke": no consent

/// A running store on a fresh database.
struct running_store {
    ncpeh::testing::temp_dir dir;
    std::unique_ptr<ncpeh::testing::child_process> process;
    unsigned short port = 0;

    running_store() {
        process = std::make_unique<ncpeh::testing::child_process>(
            std::vector<std::string>{
                NCPEH_NATIONAL_STORE_EXECUTABLE, "--db", (dir.path() / "store.db").string(),
                "--seed", (ncpeh::testing::source_dir() / "samples/national-store/seed").string(),
                "--listen", "127.0.0.1:0", "--today", "2026-11-23"},
            dir.path() / "store.log");
        REQUIRE(ncpeh::testing::wait_for_log(*process, "listening on 127.0.0.1:"));
        std::smatch m;
        const auto log = process->log();
        REQUIRE(std::regex_search(log, m, std::regex("listening on 127\\.0\\.0\\.1:([0-9]+)")));
        port = static_cast<unsigned short>(std::stoi(m[1]));
    }
};

template <class T>
T run(net::io_context& io, net::awaitable<T> task) {
    auto future = net::co_spawn(io, std::move(task), net::use_future);
    io.restart();
    io.run();
    return future.get();
}

/// One raw HTTP exchange (for inputs the typed client never sends).
using ncpeh::testing::plain_http;

fhir::medication_dispense dispense_of(const fhir::medication_request& rx, std::string actor_id) {
    fhir::medication_dispense d;
    d.actor_dispatch_id = std::move(actor_id);
    d.dispatch_row_no = 1;
    d.benefit_choice_code = "no-benefit";
    d.number_of_packages_dispensed = 1;
    d.status = "completed";
    d.medication.coding.push_back(
        {std::string(fhir::uris::nplpackid), fhir::npl_pack_id(*rx.medication), ""});
    d.subject = rx.subject;
    d.authorizing_prescription.push_back({"MedicationRequest/" + rx.id, ""});
    d.location = fhir::reference{"Location/7350099999994", ""};
    d.quantity = fhir::quantity{rx.medication->amount->numerator.value, "st", "", ""};
    d.when_handed_over = "2026-11-23T10:00:00+01:00";
    d.was_substituted = false;
    return d;
}

const fhir::medication_request& by_product(const std::vector<fhir::medication_request>& list,
                                           std::string_view atc) {
    for (const auto& m : list) {
        if (m.medication && fhir::atc_code(*m.medication) == atc) {
            return m;
        }
    }
    FAIL("no prescription with ATC " << atc);
    throw std::logic_error("unreachable");
}

/// The prescriptions of `personnummer` a foreign pharmacy may see: the patient with their
/// consents and active prescriptions from the store, kept by the §4.5 rule as the gateway does.
std::vector<fhir::medication_request> cross_border_prescriptions(net::io_context& io,
                                                                 national_store_client& client,
                                                                 std::string_view personnummer) {
    using namespace std::chrono;
    const year_month_day today{year{2026}, November, day{23}};
    auto found = run(io, client.find_patient_with_consents(personnummer));
    REQUIRE(found.has_value());
    auto active = run(io, client.search_prescriptions(found->patient.id, {"aktiv"}));
    REQUIRE(active.has_value());
    std::vector<fhir::medication_request> visible;
    for (const auto& m : *active) {
        if (ncpeh::translators::sweden::is_dispensable_cross_border(found->patient, found->consents,
                                                                    m, today)) {
            visible.push_back(m);
        }
    }
    return visible;
}

/// An active cross-border consent of `patient_id`, valid for two years from the test's today.
fhir::consent cross_border_consent(std::string_view patient_id) {
    fhir::consent c;
    c.status = "active";
    c.patient.reference = "Patient/" + std::string(patient_id);
    c.category = {{{{std::string(fhir::uris::consent_category_system),
                     std::string(fhir::uris::consent_category_cross_border), ""}},
                   ""}};
    c.provision_type = "permit";
    c.provision_period = fhir::period{"2026-11-23", "2028-11-23"};
    return c;
}

}  // namespace

TEST_CASE("national store: patients, prescriptions, products and consents through the client") {
    running_store store;
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, ""});

    auto patient = run(io, client.find_patient("191212121212"));
    REQUIRE(patient.has_value());
    CHECK(patient->id == tolvan);
    CHECK(patient->name.at(0).family == "Testsson");

    auto invalid = run(io, client.find_patient("191212121213"));
    REQUIRE_FALSE(invalid.has_value());
    CHECK(invalid.error().code == errc::fhir_invalid);
    CHECK(invalid.error().context_value("store_code") == "invalid-personnummer");
    CHECK(invalid.error().context_value("http_status") == "400");

    auto nobody = run(io, client.find_patient("198001010019"));  // valid, not in the store
    REQUIRE_FALSE(nobody.has_value());
    CHECK(nobody.error().code == errc::patient_not_found);

    auto by_id = run(io, client.read_patient(tolvan));
    REQUIRE(by_id.has_value());
    CHECK(by_id->identifiers.at(0).value == "191212121212");
    auto unknown_patient = run(io, client.read_patient("no-such-patient"));
    REQUIRE_FALSE(unknown_patient.has_value());
    CHECK(unknown_patient.error().code == errc::patient_not_found);

    auto all = run(io, client.search_prescriptions(tolvan));
    REQUIRE(all.has_value());
    CHECK(all->size() == 6);
    auto active = run(io, client.search_prescriptions(tolvan, {"active"}));
    REQUIRE(active.has_value());
    CHECK(active->size() == 6);
    auto ended = run(io, client.search_prescriptions("5e010002-0000-4000-8000-000000000002",
                                                     {"avslutad", "makulerad", "parkerad"}));
    REQUIRE(ended.has_value());
    CHECK(ended->size() == 3);

    const auto& amlodipin = by_product(*all, "C08CA01");
    auto read = run(io, client.read_prescription(amlodipin.id));
    REQUIRE(read.has_value());
    CHECK(read->remaining_dispenses == 2);
    CHECK(read->dispense_request->number_of_dispenses_allowed == 4);

    auto missing = run(io, client.read_prescription("00000000-0000-4000-8000-000000000000"));
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == errc::no_matching_eprescription);
    CHECK(ncpeh::ehdsi_code(missing.error().code) == "4105");

    auto product = run(io, client.read_medication(fhir::npl_pack_id(*amlodipin.medication)));
    REQUIRE(product.has_value());
    CHECK(product->form_text == "Tablett");
    CHECK(product->article_info->package_container == "Blister");
    auto no_product = run(io, client.read_medication("20990131100010"));
    REQUIRE_FALSE(no_product.has_value());
    CHECK(no_product.error().context_value("store_code") == "unknown-medication");
    auto bad_product = run(io, client.read_medication("123"));
    REQUIRE_FALSE(bad_product.has_value());
    CHECK(bad_product.error().context_value("store_code") == "invalid-identifier");

    // Consent: Tolvan has one; "Nej Utansamtycke" has none until one is recorded. The patient
    // and the consents come in one exchange.
    auto with_consents = run(io, client.find_patient_with_consents("191212121212"));
    REQUIRE(with_consents.has_value());
    CHECK(with_consents->patient.id == tolvan);
    REQUIRE(with_consents->consents.size() == 1);
    CHECK(with_consents->consents.front().id == tolvan_consent);
    CHECK(fhir::permits_cross_border(with_consents->consents.front(), "2026-11-23"));
    auto nej = run(io, client.find_patient_with_consents(nej_pnr));
    REQUIRE(nej.has_value());
    CHECK(nej->patient.id == "5e010007-0000-4000-8000-000000000007");
    CHECK(nej->consents.empty());
    auto no_one = run(io, client.find_patient_with_consents("198001010019"));
    REQUIRE_FALSE(no_one.has_value());
    CHECK(no_one.error().code == errc::patient_not_found);
    auto bad_pnr = run(io, client.find_patient_with_consents("191212121213"));
    REQUIRE_FALSE(bad_pnr.has_value());
    CHECK(bad_pnr.error().code == errc::fhir_invalid);

    // Cross-border view of Tolvan: narcotics (oxikodon, zolpidem) filtered out.
    const auto visible = cross_border_prescriptions(io, client, "191212121212");
    CHECK(visible.size() == 4);
    for (const auto& m : visible) {
        CHECK(fhir::atc_code(*m.medication) != "N02AA05");
        CHECK(fhir::atc_code(*m.medication) != "N05CF02");
    }
    // Connection reuse: all of the above went over one keep-alive connection.
    CHECK(client.connections_opened() == 1);
}

TEST_CASE("national store: consent recording changes what is visible cross-border") {
    running_store store;
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, ""});
    auto patient = run(io, client.read_patient("5e010007-0000-4000-8000-000000000007"));
    REQUIRE(patient.has_value());
    const auto pnr = patient->identifiers.at(0).value;
    CHECK(cross_border_prescriptions(io, client, pnr).empty());

    fhir::consent c = cross_border_consent(patient->id);
    auto recorded = run(io, client.record_consent(c));
    REQUIRE(recorded.has_value());
    CHECK_FALSE(recorded->id.empty());
    CHECK(run(io, client.find_patient_with_consents(pnr))->consents.size() == 1);
    CHECK(cross_border_prescriptions(io, client, pnr).size() == 3);

    c.patient.reference = "Patient/unknown";
    auto unknown = run(io, client.record_consent(c));
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == errc::patient_not_found);
    c.patient.reference = "Patient/" + patient->id;
    c.category.clear();
    auto invalid = run(io, client.record_consent(c));
    REQUIRE_FALSE(invalid.has_value());
    CHECK(invalid.error().context_value("store_code") == "rule-violation");
}

namespace {

/// `(search.mode, resourceType/id)` of each entry of a searchset.
std::vector<std::pair<std::string, std::string>> entries_of(const boost::json::object& bundle) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : bundle.at("entry").as_array()) {
        const auto& resource = e.at("resource").as_object();
        out.emplace_back(std::string(e.at("search").at("mode").as_string()),
                         std::string(resource.at("resourceType").as_string()) + "/" +
                             std::string(resource.at("id").as_string()));
    }
    return out;
}

boost::json::object searchset_of(unsigned short port, const std::string& target) {
    auto [status, body] = plain_http(port, boost::beast::http::verb::get, target, "");
    INFO(body);
    REQUIRE(status == 200);
    auto bundle = boost::json::parse(body).as_object();
    REQUIRE(bundle.at("type") == "searchset");
    return bundle;
}

}  // namespace

TEST_CASE("national store: Patient search with _revinclude=Consent:patient") {
    running_store store;
    using entries = std::vector<std::pair<std::string, std::string>>;
    const std::string revinclude = "&_revinclude=Consent:patient";

    auto tolvan_bundle =
        searchset_of(store.port, "/Patient?identifier=" + std::string(fhir::uris::personnummer) +
                                     "%7C191212121212" + revinclude);
    CHECK(tolvan_bundle.at("total") == 1);  // matches only, not the included consents
    CHECK(entries_of(tolvan_bundle) ==
          entries{{"match", std::string("Patient/") + tolvan},
                  {"include", std::string("Consent/") + tolvan_consent}});

    // A second consent: both are included, newest first (the earlier one is now inactive).
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, ""});
    auto recorded = run(io, client.record_consent(cross_border_consent(tolvan)));
    REQUIRE(recorded.has_value());
    auto two = searchset_of(store.port, "/fhir/Patient?identifier=191212121212" + revinclude);
    CHECK(two.at("total") == 1);
    CHECK(entries_of(two) == entries{{"match", std::string("Patient/") + tolvan},
                                     {"include", "Consent/" + recorded->id},
                                     {"include", std::string("Consent/") + tolvan_consent}});
    auto both = run(io, client.find_patient_with_consents("191212121212"));
    REQUIRE(both.has_value());
    REQUIRE(both->consents.size() == 2);
    CHECK(both->consents[0].status == "active");
    CHECK(both->consents[1].status == "inactive");

    auto without =
        searchset_of(store.port, "/Patient?identifier=" + std::string(nej_pnr) + revinclude);
    CHECK(without.at("total") == 1);
    CHECK(entries_of(without) ==
          entries{{"match", "Patient/5e010007-0000-4000-8000-000000000007"}});

    auto unknown = searchset_of(store.port, "/Patient?identifier=198001010019" + revinclude);
    CHECK(unknown.at("total") == 0);
    CHECK(entries_of(unknown).empty());

    // Strict: what the store cannot include is refused, never silently left out.
    namespace http = boost::beast::http;
    const std::vector<std::string> refused{
        "/Patient?identifier=191212121212&_revinclude=MedicationRequest:patient",
        "/Patient?identifier=191212121212&_revinclude=Consent:patient&_revinclude=Consent:actor",
        "/Patient?identifier=191212121212&_include=Patient:general-practitioner",
        std::string("/Consent?patient=") + tolvan + revinclude};
    for (const auto& target : refused) {
        INFO(target);
        auto [status, body] = plain_http(store.port, http::verb::get, target, "");
        CHECK(status == 400);
        CHECK(body.find("\"OperationOutcome\"") != std::string::npos);
        CHECK(body.find("\"unsupported-parameter\"") != std::string::npos);
    }
    auto [status, body] =
        plain_http(store.port, http::verb::get, "/Patient?identifier=19121212" + revinclude, "");
    CHECK(status == 400);
    CHECK(body.find("\"invalid-personnummer\"") != std::string::npos);
}

namespace {

std::string batch_of_urls(const std::vector<std::string>& urls, const std::string& method = "GET") {
    boost::json::array entries;
    for (const auto& url : urls) {
        entries.push_back(boost::json::object{
            {"request", boost::json::object{{"method", method}, {"url", url}}}});
    }
    return boost::json::serialize(boost::json::object{
        {"resourceType", "Bundle"}, {"type", "batch"}, {"entry", std::move(entries)}});
}

/// `response.status` of each entry of a batch-response.
std::vector<std::string> statuses_of(const boost::json::object& bundle) {
    std::vector<std::string> out;
    for (const auto& e : bundle.at("entry").as_array()) {
        out.emplace_back(e.at("response").at("status").as_string());
    }
    return out;
}

}  // namespace

TEST_CASE("national store: a batch of reads answers each entry in order, failures included") {
    running_store store;
    namespace http = boost::beast::http;
    const std::string amlodipin = "5e020001-0000-4000-8000-000000000001";
    auto [status, body] =
        plain_http(store.port, http::verb::post, "/fhir",
                   batch_of_urls({"Patient?identifier=191212121212&_revinclude=Consent:patient",
                                  "MedicationRequest/" + amlodipin,
                                  "MedicationRequest/00000000-0000-4000-8000-000000000000",
                                  "/Patient?identifier=19121212", "Nothing/here"}));
    INFO(body);
    REQUIRE(status == 200);
    const auto bundle = boost::json::parse(body).as_object();
    CHECK(bundle.at("type") == "batch-response");
    CHECK(statuses_of(bundle) == std::vector<std::string>{"200 OK", "200 OK", "404 Not Found",
                                                          "400 Bad Request", "404 Not Found"});
    const auto& entries = bundle.at("entry").as_array();
    CHECK(entries[0].at("resource").at("type") == "searchset");
    CHECK(entries[0].at("resource").at("entry").as_array().size() == 2);  // patient + consent
    CHECK(entries[1].at("resource").at("id").as_string() == amlodipin);
    const auto& missing = entries[2].at("response").at("outcome");
    CHECK(missing.at("resourceType") == "OperationOutcome");
    CHECK(boost::json::serialize(missing).find("\"unknown-prescription\"") != std::string::npos);
    CHECK(entries[2].as_object().if_contains("resource") == nullptr);

    // Writes are never batched; each refused entry leaves the others alone.
    auto [w_status, w_body] = plain_http(store.port, http::verb::post, "/",
                                         batch_of_urls({"MedicationDispense"}, "POST"));
    CHECK(w_status == 200);
    CHECK(statuses_of(boost::json::parse(w_body).as_object()) ==
          std::vector<std::string>{"405 Method Not Allowed"});

    // What is not a batch of at most 64 entries is refused as a whole.
    const std::vector<std::string> one_too_many(65, "MedicationRequest/" + amlodipin);
    const std::vector<std::pair<std::string, std::pair<unsigned, std::string>>> refused{
        {"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[]}",
         {400, "invalid-resource"}},
        {"{\"resourceType\":\"Patient\"}", {400, "invalid-resource"}},
        {"{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":{}}",
         {400, "invalid-resource"}},
        {"[{\"resourceType\":", {400, "malformed-json"}},
        {batch_of_urls(one_too_many), {422, "rule-violation"}}};
    for (const auto& [request, expected] : refused) {
        INFO(request.substr(0, 80));
        auto [r_status, r_body] = plain_http(store.port, http::verb::post, "/fhir", request);
        CHECK(r_status == expected.first);
        CHECK(r_body.find("\"" + expected.second + "\"") != std::string::npos);
    }
    auto [get_status, get_body] = plain_http(store.port, http::verb::get, "/fhir", "");
    CHECK(get_status == 405);

    // An empty batch is a valid, empty answer.
    auto [e_status, e_body] = plain_http(store.port, http::verb::post, "/", batch_of_urls({}));
    CHECK(e_status == 200);
    CHECK(boost::json::parse(e_body).at("entry").as_array().empty());
}

TEST_CASE("national store client: patient, consents and prescriptions in one batch") {
    running_store store;
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, "/fhir"});
    const std::string amlodipin = "5e020001-0000-4000-8000-000000000001";
    const std::string unknown = "00000000-0000-4000-8000-000000000000";

    auto read = run(io, client.read_patient_and_prescriptions("191212121212",
                                                              {amlodipin, unknown, "a b/../c"}));
    REQUIRE(read.has_value());
    CHECK(read->found.patient.id == tolvan);
    REQUIRE(read->found.consents.size() == 1);
    CHECK(read->found.consents[0].id == tolvan_consent);
    REQUIRE(read->prescriptions.size() == 3);
    REQUIRE(read->prescriptions[0].has_value());
    CHECK(read->prescriptions[0]->id == amlodipin);
    CHECK(read->prescriptions[1].error().code == errc::no_matching_eprescription);
    CHECK_FALSE(read->prescriptions[2].has_value());

    auto none = run(io, client.read_patient_and_prescriptions("191212121212", {}));
    REQUIRE(none.has_value());
    CHECK(none->prescriptions.empty());

    // More ids than one batch takes: further batches, answers still in request order.
    std::vector<std::string> many;
    for (int i = 0; i < 150; ++i) {
        many.push_back(i % 50 == 49 ? unknown : amlodipin);
    }
    auto all = run(io, client.read_patient_and_prescriptions("191212121212", many));
    REQUIRE(all.has_value());
    REQUIRE(all->prescriptions.size() == 150);
    for (int i = 0; i < 150; ++i) {
        INFO(i);
        CHECK(all->prescriptions[static_cast<std::size_t>(i)].has_value() == (i % 50 != 49));
    }

    auto nobody = run(io, client.read_patient_and_prescriptions("198001010019", {amlodipin}));
    CHECK(nobody.error().code == errc::patient_not_found);
    auto invalid = run(io, client.read_patient_and_prescriptions("191212121213", {amlodipin}));
    CHECK(invalid.error().code == errc::fhir_invalid);
    CHECK(invalid.error().context_value("store_code") == "invalid-personnummer");
}

TEST_CASE("national store: dispensing rules, idempotency and reversal") {
    running_store store;
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, ""});
    auto all = run(io, client.search_prescriptions(tolvan)).value();
    const auto amlodipin = by_product(all, "C08CA01");

    auto first = run(io, client.record_dispense(dispense_of(amlodipin, "IT-1")));
    REQUIRE(first.has_value());
    CHECK_FALSE(first->replayed);
    CHECK_FALSE(first->dispense.id.empty());
    auto after = run(io, client.read_prescription(amlodipin.id)).value();
    CHECK(after.remaining_dispenses == 1);
    CHECK(after.last_dispensed == "2026-11-23T10:00:00+01:00");
    CHECK(after.meta.version_id == "2");

    // Same actor dispatch id again: applied once, the first result comes back.
    auto again = run(io, client.record_dispense(dispense_of(amlodipin, "IT-1")));
    REQUIRE(again.has_value());
    CHECK(again->replayed);
    CHECK(again->dispense.id == first->dispense.id);
    CHECK(run(io, client.read_prescription(amlodipin.id))->remaining_dispenses == 1);

    // Another uttag at once breaks the 30-day interval.
    auto too_soon = run(io, client.record_dispense(dispense_of(amlodipin, "IT-2")));
    REQUIRE_FALSE(too_soon.has_value());
    CHECK(too_soon.error().code == errc::eprescription_not_dispensable);
    CHECK(too_soon.error().context_value("store_code") == "dispense-interval");

    // Reverse gives the uttag back; reversing twice is harmless.
    auto reversed = run(io, client.reverse_dispense(first->dispense.id));
    REQUIRE(reversed.has_value());
    CHECK(reversed->status == "entered-in-error");
    CHECK(reversed->meta.version_id == "2");
    CHECK(run(io, client.reverse_dispense(first->dispense.id))->status == "entered-in-error");
    auto restored = run(io, client.read_prescription(amlodipin.id)).value();
    CHECK(restored.remaining_dispenses == 2);
    CHECK(restored.last_dispensed == "2026-10-01T10:00:00+02:00");
    CHECK(run(io, client.read_dispense(first->dispense.id))->status == "entered-in-error");
    auto no_such = run(io, client.reverse_dispense("no-such-dispense"));
    REQUIRE_FALSE(no_such.has_value());
    CHECK(no_such.error().code == errc::ed_discard_failed);

    // Expired (Avslutad), parked, slutexpedierad, substitution, quantity, patient mismatch.
    auto exempelsson =
        run(io, client.search_prescriptions("5e010002-0000-4000-8000-000000000002")).value();
    ncpeh::result<ncpeh::gateway::national_store::dispense_receipt> expired =
        ncpeh::make_error(errc::internal, "no expired prescription in the seed");
    for (const auto& m : exempelsson) {
        if (m.nll_status == fhir::nll_status::avslutad) {
            expired = run(io, client.record_dispense(dispense_of(m, "IT-3b")));
        }
    }
    REQUIRE_FALSE(expired.has_value());
    CHECK(expired.error().code == errc::eprescription_not_dispensable);
    CHECK(expired.error().context_value("store_code") == "prescription-expired");
    for (const auto& m : exempelsson) {
        if (m.nll_status == fhir::nll_status::parkerad) {
            auto parked = run(io, client.record_dispense(dispense_of(m, "IT-4")));
            REQUIRE_FALSE(parked.has_value());
            CHECK(parked.error().context_value("store_code") == "prescription-not-active");
        }
    }
    auto provsdotter =
        run(io, client.search_prescriptions("5e010003-0000-4000-8000-000000000003")).value();
    for (const auto& m : provsdotter) {
        if (m.nll_status == fhir::nll_status::slutexpedierad) {
            auto done = run(io, client.record_dispense(dispense_of(m, "IT-5")));
            REQUIRE_FALSE(done.has_value());
            CHECK(done.error().code == errc::eprescription_already_dispensed);
            CHECK(ncpeh::ehdsi_code(done.error().code) == "4106");
        }
    }
    auto lattasson =
        run(io, client.search_prescriptions("5e010004-0000-4000-8000-000000000004")).value();
    for (const auto& m : lattasson) {
        if (m.substitution_allowed == false) {
            auto other = dispense_of(m, "IT-6");
            other.medication.coding[0].code = "20990101100010";
            other.was_substituted = true;
            auto refused = run(io, client.record_dispense(other));
            REQUIRE_FALSE(refused.has_value());
            CHECK(refused.error().code == errc::ed_substitution_not_allowed);
        }
    }
    auto big = dispense_of(amlodipin, "IT-7");
    big.quantity->value = 1000;
    auto too_much = run(io, client.record_dispense(big));
    REQUIRE_FALSE(too_much.has_value());
    CHECK(too_much.error().context_value("store_code") == "invalid-quantity");
    auto negative = dispense_of(amlodipin, "IT-8");
    negative.quantity->value = -1;
    CHECK(run(io, client.record_dispense(negative)).error().context_value("store_code") ==
          "invalid-quantity");
    auto wrong_patient = dispense_of(amlodipin, "IT-9");
    wrong_patient.subject.reference = std::string("Patient/") + pia;
    CHECK(run(io, client.record_dispense(wrong_patient)).error().context_value("store_code") ==
          "patient-mismatch");
    auto unknown_rx = dispense_of(amlodipin, "IT-10");
    unknown_rx.authorizing_prescription[0].reference = "MedicationRequest/nope";
    CHECK(run(io, client.record_dispense(unknown_rx)).error().code ==
          errc::no_matching_eprescription);
    // Nothing above was half-written.
    CHECK(run(io, client.read_prescription(amlodipin.id))->remaining_dispenses == 2);
}

TEST_CASE("national store: two concurrent dispenses of the last uttag — exactly one wins") {
    running_store store;
    net::io_context io;
    national_store_client a(io.get_executor(), {"127.0.0.1", store.port, ""});
    national_store_client b(io.get_executor(), {"127.0.0.1", store.port, ""});
    auto list = run(io, a.search_prescriptions(pia)).value();
    const auto last = by_product(list, "D07AA02");  // hydrokortison, one uttag left
    REQUIRE(last.remaining_dispenses == 1);

    using namespace net::experimental::awaitable_operators;
    auto [ra, rb] =
        run(io,
            [&]() -> net::awaitable<
                      std::tuple<ncpeh::result<ncpeh::gateway::national_store::dispense_receipt>,
                                 ncpeh::result<ncpeh::gateway::national_store::dispense_receipt>>> {
                co_return co_await (a.record_dispense(dispense_of(last, "RACE-A")) &&
                                    b.record_dispense(dispense_of(last, "RACE-B")));
            }());
    CHECK(ra.has_value() != rb.has_value());
    const auto& loser = ra ? rb : ra;
    REQUIRE_FALSE(loser.has_value());
    CHECK(loser.error().code == errc::eprescription_already_dispensed);
    auto after = run(io, a.read_prescription(last.id)).value();
    CHECK(after.remaining_dispenses == 0);
    CHECK(after.nll_status == fhir::nll_status::slutexpedierad);
    CHECK(after.status == "completed");
    CHECK(run(io, a.search_prescriptions(pia, {"slutexpedierad"}))->size() == 1);
}

TEST_CASE("national store: bad input gets distinct OperationOutcomes") {
    running_store store;
    namespace http = boost::beast::http;
    auto [status, body] =
        plain_http(store.port, http::verb::post, "/MedicationDispense", "{\"broken\":");
    CHECK(status == 400);
    CHECK(body.find("\"malformed-json\"") != std::string::npos);
    std::tie(status, body) = plain_http(store.port, http::verb::post, "/MedicationDispense",
                                        R"({"resourceType":"Patient"})");
    CHECK(status == 400);
    CHECK(body.find("\"invalid-resource\"") != std::string::npos);
    std::tie(status, body) =
        plain_http(store.port, http::verb::get, "/Patient?identifier=19121212", "");
    CHECK(status == 400);
    CHECK(body.find("\"invalid-personnummer\"") != std::string::npos);
    std::tie(status, body) = plain_http(store.port, http::verb::get, "/Nothing/here", "");
    CHECK(status == 404);
    CHECK(body.find("\"unknown-endpoint\"") != std::string::npos);
    std::tie(status, body) = plain_http(store.port, http::verb::delete_, "/Patient/x", "");
    CHECK(status == 405);
    std::tie(status, body) = plain_http(store.port, http::verb::get, "/fhir/health", "");
    CHECK(status == 200);
    CHECK(body == R"({"status":"ok"})");
    // SIGTERM stops the store cleanly.
    CHECK(store.process->stop() == 0);
}

TEST_CASE("national store client: an unreachable store is 4103, after retries") {
    const auto port = ncpeh::testing::free_loopback_port();
    net::io_context io;
    national_store_client client(
        io.get_executor(), {"127.0.0.1", port, ""},
        {std::chrono::milliseconds(500), 2, std::chrono::milliseconds(10), 4});
    auto r = run(io, client.find_patient("191212121212"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::national_store_unreachable);
    CHECK(ncpeh::ehdsi_code(r.error().code) == "4103");
}

TEST_CASE("national store client: practitioner licences from the register") {
    running_store store;
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, "/fhir"});
    using licence = ncpeh::gateway::national_store::practitioner_licence;

    auto alma = run(io, client.find_practitioner("9900001"));
    REQUIRE(alma.has_value());
    CHECK(*alma == licence{"9900001", "Alma Apoteksson", "AP", true});
    auto rita = run(io, client.find_practitioner("9900002"));
    REQUIRE(rita.has_value());
    CHECK(*rita == licence{"9900002", "Rita Receptariesson", "RC", true});
    auto olle = run(io, client.find_practitioner("9900003"));  // in the register, no licence
    REQUIRE(olle.has_value());
    CHECK(*olle == licence{"9900003", "Olle Olegitimerad", "", false});
    auto ville = run(io, client.find_practitioner("9900004"));  // withdrawn 2025-06-30
    REQUIRE(ville.has_value());
    CHECK(*ville == licence{"9900004", "Ville Indragensson", "AP", false});
    auto eva = run(io, client.find_practitioner("9900005"));  // a physician
    REQUIRE(eva.has_value());
    CHECK(*eva == licence{"9900005", "Eva Läkarsson", "LK", false});

    auto nobody = run(io, client.find_practitioner("9999999"));
    REQUIRE_FALSE(nobody.has_value());
    CHECK(nobody.error().code == errc::pharmacist_not_licensed);
    CHECK(nobody.error().message ==
          "legitimationskod 9999999 is not in the national practitioner register");

    for (const std::string bad : {"99A", "", "9900001&identifier=9900002", "1|9900001"}) {
        INFO(bad);
        auto refused = run(io, client.find_practitioner(bad));
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::fhir_invalid);
        CHECK(refused.error().context_value("store_code") == "invalid-identifier");
    }
    CHECK(store.process->stop() == 0);
}

TEST_CASE("national store client: Swedish products by ATC code") {
    running_store store;
    net::io_context io;
    national_store_client client(io.get_executor(), {"127.0.0.1", store.port, ""});

    auto amlodipin = run(io, client.find_products_by_atc("C08CA01"));
    REQUIRE(amlodipin.has_value());
    REQUIRE(amlodipin->size() == 1);
    CHECK(fhir::npl_pack_id(amlodipin->front()) == "20990101100010");
    CHECK(fhir::atc_code(amlodipin->front()) == "C08CA01");

    auto none = run(io, client.find_products_by_atc("C10AA05"));
    REQUIRE(none.has_value());
    CHECK(none->empty());

    auto malformed = run(io, client.find_products_by_atc("C08"));
    REQUIRE_FALSE(malformed.has_value());
    CHECK(malformed.error().code == errc::fhir_invalid);
    CHECK(malformed.error().context_value("http_status") == "400");
    CHECK(store.process->stop() == 0);
}

TEST_CASE("national store pool: the country-B calls are observed like the others") {
    running_store store;
    net::io_context io;
    ncpeh::gateway::national_store::national_store_pool pool({io.get_executor()},
                                                             {"127.0.0.1", store.port, ""}, {});
    std::vector<std::pair<std::string, std::string>> seen;  // operation, error code or "ok"
    pool.observe_calls([&seen](std::string_view operation, const ncpeh::error* failure,
                               std::chrono::steady_clock::duration) {
        seen.emplace_back(operation, failure ? std::string(ncpeh::name_of(failure->code)) : "ok");
    });
    auto alma = run(io, pool.find_practitioner("9900001"));
    REQUIRE(alma.has_value());
    CHECK(alma->licensed_pharmacist);
    CHECK_FALSE(run(io, pool.find_practitioner("9999999")).has_value());
    auto products = run(io, pool.find_products_by_atc("J01CA04"));
    REQUIRE(products.has_value());
    CHECK(products->size() == 1);
    CHECK(seen == std::vector<std::pair<std::string, std::string>>{
                      {"find_practitioner", "ok"},
                      {"find_practitioner", "pharmacist_not_licensed"},
                      {"find_products_by_atc", "ok"}});
}

TEST_CASE("national store client: the country-B calls of an unreachable store are 4103") {
    const auto port = ncpeh::testing::free_loopback_port();
    net::io_context io;
    national_store_client client(
        io.get_executor(), {"127.0.0.1", port, ""},
        {std::chrono::milliseconds(500), 2, std::chrono::milliseconds(10), 4});
    auto licence = run(io, client.find_practitioner("9900001"));
    REQUIRE_FALSE(licence.has_value());
    CHECK(licence.error().code == errc::national_store_unreachable);
    auto products = run(io, client.find_products_by_atc("C08CA01"));
    REQUIRE_FALSE(products.has_value());
    CHECK(products.error().code == errc::national_store_unreachable);
}
