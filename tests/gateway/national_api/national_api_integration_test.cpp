// Country B end to end with real processes on loopback: the reference national store, Finland's
// NCP-A (`foreign-ncp serve`) and `ncpeh serve`, called as a Swedish pharmacy system over
// mutual TLS on the national API.
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <thread>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "gateway/storage/sqlite_connection.hpp"
#include "tests/gateway/support/api_answer.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/finnish_ncp.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"
#include "translators/fhir/uris.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace ncpeh::testing;

namespace {

const std::string testi = "010170-902L^^^&2.999.246.10.1&ISO";
const std::string testi_in_path = "010170-902L%5E%5E%5E%262.999.246.10.1%26ISO";
const std::string metformin_document = "2.999.246.10.2^FI-EP-0001";
const std::string metformin_in_path = "2.999.246.10.2%5EFI-EP-0001";

using answer = api_answer;

/// A pharmacy system calling the national API with its TLS client certificate.
class pharmacy_system {
  public:
    pharmacy_system(unsigned short port, std::string credential = "pharmacy-system")
        : port_(port), credential_(std::move(credential)) {}

    answer call(http::verb method, const std::string& target, const std::string& token = {},
                const std::string& body = {}, const std::string& accept = {}) {
        tls_client client(port_, credential_);
        http::request<http::string_body> req{method, target, 11};
        if (!token.empty()) {
            req.set(http::field::authorization, "Bearer " + token);
        }
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        if (!accept.empty()) {
            req.set(http::field::accept, accept);
        }
        const auto res = client.send(std::move(req));
        return {res.result_int(), std::string(res[http::field::content_type]), res.body()};
    }

    answer start_session(const std::string& legitimationskod, const std::string& profession) {
        return call(http::verb::post, "/national/v1/sessions", {},
                    json::serialize(json::object{{"legitimationskod", legitimationskod},
                                                 {"name", "Someone"},
                                                 {"profession", profession}}));
    }

    std::string token_of(const std::string& legitimationskod = "9900001") {
        const auto opened = start_session(legitimationskod, "AP");
        REQUIRE(opened.status == 201);
        return std::string(opened.json().at("token").as_string());
    }

    answer identify(const std::string& token, const std::string& value,
                    const std::string& country = "FI") {
        return call(http::verb::post, "/national/v1/foreign-patients/$identify", token,
                    json::serialize(json::object{
                        {"country", country},
                        {"identifiers",
                         json::array{json::object{{"oid", "2.999.246.10.1"}, {"value", value}}}}}));
    }

    answer dispense(const std::string& token, const std::string& dispatch_id, int packages = 1) {
        std::string text =
            read_file(source_dir() / "tests/gateway/national_api/metformin-dispense.json");
        auto dispense = json::parse(text).as_object();
        dispense["extension"].as_array()[0].as_object()["valueString"] = dispatch_id;
        dispense["extension"].as_array()[1].as_object()["valuePositiveInt"] = packages;
        return call(http::verb::post, "/national/v1/foreign-dispensations", token,
                    json::serialize(json::object{{"country", "FI"},
                                                 {"patientId", testi},
                                                 {"documentId", metformin_document},
                                                 {"medicationDispense", dispense}}));
    }

  private:
    unsigned short port_;
    std::string credential_;
};

/// The Prometheus text of the gateway's ops listener.
std::string metrics_of(unsigned short ops_port) {
    const auto [status, body] = plain_http(ops_port, http::verb::get, "/metrics");
    REQUIRE(status == 200);
    return body;
}

/// The `ncpeh_transactions_total` line of country B's calls to Finland.
std::string outbound(const std::string& transaction, const std::string& outcome = "success",
                     const std::string& error = "") {
    return "ncpeh_transactions_total{direction=\"outbound\",transaction=\"" + transaction +
           "\",partner=\"FI\",outcome=\"" + outcome + "\",error=\"" + error + "\"} ";
}

std::string list_target() {
    return "/national/v1/foreign-patients/" + testi_in_path + "/eprescriptions?country=FI";
}

std::string retrieve_target(const std::string& document_in_path = metformin_in_path) {
    return "/national/v1/foreign-patients/" + testi_in_path + "/eprescriptions/" +
           document_in_path + "?country=FI";
}

/// The national store, Finland and ncpeh, on free ports.
struct country_b {
    temp_dir dir;
    national_store_process store = start_national_store(dir);
    finnish_ncp finland;
    gateway_process gateway;

    explicit country_b(gateway_options options = {}, std::vector<std::string> finland_options = {})
        : finland(std::move(finland_options)) {
        options.store_url = store.fhir_url();
        options.finland_port = finland.port;
        options.overrides["first_retry_seconds"] = "1";
        options.overrides["max_retry_seconds"] = "1";
        gateway = start_gateway(dir, options);
    }

    struct stopped_finland {
        unsigned short port;
        std::filesystem::path received;  ///< where a Finland started again keeps what it gets
    };
    /// The pharmacist identifies Testi and views the metformin prescription (so a dispensation
    /// can be translated against it), then Finland stops.
    stopped_finland finland_goes_down_after_a_view(pharmacy_system& pharmacy,
                                                   const std::string& token) {
        REQUIRE(pharmacy.identify(token, "010170-902L").status == 200);
        REQUIRE(pharmacy.call(http::verb::get, retrieve_target(), token).status == 200);
        stopped_finland stopped{finland.port, finland.received()};
        finland.process.reset();
        return stopped;
    }
};

}  // namespace

TEST_CASE(
    "a Swedish pharmacist identifies, lists, views, dispenses and discards a Finnish "
    "ePrescription",
    "[country-b]") {
    country_b b;
    pharmacy_system pharmacy(b.gateway.national_port);

    const auto opened = pharmacy.start_session("9900001", "AP");
    REQUIRE(opened.status == 201);
    const auto session = opened.json();
    const std::string token(session.at("token").as_string());
    CHECK(session.at("pharmacist").at("name") == "Alma Apoteksson");
    CHECK(session.at("pharmacy").at("gln") == "7350099999994");

    const auto countries = pharmacy.call(http::verb::get, "/national/v1/countries", token);
    REQUIRE(countries.status == 200);
    const auto countries_json = countries.json();
    const auto& fi = countries_json.at("countries").at(0);
    CHECK(fi.at("country") == "FI");
    CHECK(fi.at("searchMask").at("fields").at(0).at("oid") == "2.999.246.10.1");
    CHECK(fi.at("searchMask").at("fields").at(0).at("mandatory") == true);

    const auto identified = pharmacy.identify(token, "010170-902L");
    REQUIRE(identified.status == 200);
    const auto identified_json = identified.json();
    const auto& patient = identified_json.at("patients").at(0);
    CHECK(patient.at("id").as_string() == testi);
    CHECK(patient.at("name").at("family") == "Esimerkki");
    CHECK(patient.at("birthDate") == "1970-01-01");
    CHECK(patient.at("gender") == "female");

    const auto listed = pharmacy.call(http::verb::get, list_target(), token);
    if (listed.status != 200) {
        FAIL(listed.body + "\n" + b.gateway.process->log() + "\n" + b.finland.process->log());
    }
    const auto listed_json = listed.json();
    const auto& documents = listed_json.at("eprescriptions").as_array();
    REQUIRE(documents.size() == 2);
    std::vector<std::string> ids;
    for (const auto& d : documents) {
        ids.emplace_back(d.at("documentId").as_string());
        CHECK(d.at("level") == "L3");
        CHECK(d.at("homeCommunityId") == "2.999.246.1.1");
        // Finland lists each prescription's L1 rendering beside the pivot.
        CHECK(d.at("pdfDocumentId").as_string() == ids.back() + ".L1");
    }
    CHECK(std::find(ids.begin(), ids.end(), metformin_document) != ids.end());

    const auto pdf = pharmacy.call(http::verb::get, retrieve_target(metformin_in_path + ".L1"),
                                   token, {}, "application/pdf");
    REQUIRE(pdf.status == 200);
    CHECK(pdf.content_type == "application/pdf");
    CHECK(pdf.body.starts_with("%PDF-"));
    CHECK(pdf.body.find("%%EOF") != std::string::npos);
    // Each Accept only for its own rendering, with an error that names the other.
    const auto pivot_as_pdf =
        pharmacy.call(http::verb::get, retrieve_target(), token, {}, "application/pdf");
    CHECK(pivot_as_pdf.status == 400);
    CHECK(pivot_as_pdf.body.find("pdfDocumentId") != std::string::npos);
    const auto pdf_as_view =
        pharmacy.call(http::verb::get, retrieve_target(metformin_in_path + ".L1"), token);
    CHECK(pdf_as_view.status == 400);
    CHECK(pdf_as_view.body.find("Accept: application/pdf") != std::string::npos);

    const auto viewed = pharmacy.call(http::verb::get, retrieve_target(), token);
    REQUIRE(viewed.status == 200);
    CHECK(viewed.content_type == "application/fhir+json");
    const auto bundle = viewed.json();
    CHECK(bundle.at("resourceType") == "Bundle");
    CHECK(viewed.body.find("Esimerkki") != std::string::npos);
    // The Swedish candidate product for A10BA02 from the national product register.
    CHECK(viewed.body.find("Metformin Exempel 500 mg") != std::string::npos);

    const auto dispensed = pharmacy.dispense(token, "SE-FI-000001");
    REQUIRE(dispensed.status == 201);
    const auto record = dispensed.json();
    CHECK(record.at("status") == "delivered");
    CHECK(record.at("kind") == "dispensation");
    CHECK(record.at("attempts") == 1);
    const std::string id(record.at("id").as_string());
    auto received = b.finland.received_lines();
    REQUIRE(received.size() == 1);
    CHECK(received[0].at("kind") == "dispensation");
    CHECK(received[0].at("prescription_id") == "2.999.246.10.3^FI-RX-0001");
    CHECK(received[0].at("document_id") == record.at("edDocumentId"));

    const auto status =
        pharmacy.call(http::verb::get, "/national/v1/foreign-dispensations/" + id, token);
    REQUIRE(status.status == 200);
    CHECK(status.json().at("status") == "delivered");
    CHECK(status.json().as_object().contains("deliveredAt"));

    // The same report again: the first record, nothing sent twice.
    const auto again = pharmacy.dispense(token, "SE-FI-000001");
    REQUIRE(again.status == 200);
    CHECK(again.json().at("id").as_string() == id);
    CHECK(b.finland.received_lines().size() == 1);

    const auto discarded = pharmacy.call(
        http::verb::post, "/national/v1/foreign-dispensations/" + id + "/$discard", token);
    if (discarded.status != 201) {
        FAIL(discarded.body + "\n" + b.gateway.process->log() + "\n" + b.finland.process->log());
    }
    CHECK(discarded.json().at("kind") == "discard");
    CHECK(discarded.json().at("discards").as_string() == id);
    received = b.finland.received_lines();
    REQUIRE(received.size() == 2);
    CHECK(received[1].at("kind") == "discard");

    // Each call to Finland is counted as an outbound transaction: one identification, one list,
    // four retrieves (the PDF, the view, and the two asked with the wrong Accept), one
    // dispensation (its replay called nobody) and one discard.
    const std::string metrics = metrics_of(b.gateway.ops_port);
    INFO(metrics);
    CHECK(metrics.find(outbound("xcpd") + "1\n") != std::string::npos);
    CHECK(metrics.find(outbound("xca-list") + "1\n") != std::string::npos);
    CHECK(metrics.find(outbound("xca-retrieve") + "4\n") != std::string::npos);
    CHECK(metrics.find(outbound("xdr-dispense") + "1\n") != std::string::npos);
    CHECK(metrics.find(outbound("xdr-discard") + "1\n") != std::string::npos);
    CHECK(metrics.find("ncpeh_transaction_duration_seconds_count{direction=\"outbound\","
                       "transaction=\"xdr-dispense\"} 1\n") != std::string::npos);
    CHECK(metrics.find("direction=\"inbound\"") == std::string::npos);  // nobody called us

    // Each call to Finland is in the audit trail with the patient and the documents it was about.
    REQUIRE(b.gateway.process->stop() == 0);
    auto trail = ncpeh::gateway::audit::sqlite_audit_trail::open(b.dir.path() / "ncpeh.db");
    REQUIRE(trail.has_value());
    const auto events = (*trail)->newest(50);
    REQUIRE(events.has_value());
    std::map<std::string, ncpeh::gateway::audit::audit_event> last;  // by transaction
    for (auto it = events->rbegin(); it != events->rend(); ++it) {
        last[it->transaction] = *it;
    }
    CHECK(last.at("ncp-b-xcpd").patient_id == testi);
    CHECK(last.at("ncp-b-xca-list").patient_id == testi);
    CHECK(last.at("ncp-b-xca-retrieve").patient_id == testi);
    REQUIRE(last.at("ncp-b-xca-retrieve").document_ids.size() == 1);
    CHECK(last.at("ncp-b-xca-retrieve").document_ids[0].starts_with(metformin_document));
    CHECK(last.at("ncp-b-xdr-dispense").patient_id == testi);
    CHECK(last.at("ncp-b-xdr-dispense").document_ids ==
          std::vector<std::string>{std::string(record.at("edDocumentId").as_string())});
    CHECK(last.at("ncp-b-xdr-discard").patient_id == testi);
    for (const auto& [transaction, e] : last) {
        INFO(transaction);
        CHECK(e.requester == "Alma Apoteksson");
        CHECK(e.requester_role == "2262");
        CHECK(e.outcome == ncpeh::gateway::audit::outcome::success);
        CHECK_FALSE(e.hcp_assertion_id.empty());
    }
}

TEST_CASE("the national API refuses the wrong callers, sessions and requests", "[country-b]") {
    country_b b;
    pharmacy_system pharmacy(b.gateway.national_port);

    SECTION("pharmacists the register does not license") {
        for (const auto& [code, profession] :
             {std::pair{"9900003", "AP"}, std::pair{"9900004", "AP"}, std::pair{"9900005", "AP"},
              std::pair{"9900005", "LK"}, std::pair{"1234567", "AP"}}) {
            INFO(code << " " << profession);
            const auto refused = pharmacy.start_session(code, profession);
            CHECK(refused.status == 403);
            CHECK(refused.error() == "pharmacist_not_licensed");
        }
        CHECK(pharmacy.start_session("9900002", "RC").status == 201);  // a receptarie
    }
    SECTION("no, a forged, or another system's session token") {
        const std::string token = pharmacy.token_of();
        const auto finland_before = b.finland.requests();
        for (const std::string& bad : {std::string(), std::string("forged"), token + "x"}) {
            const auto refused = pharmacy.call(http::verb::get, "/national/v1/countries", bad);
            CHECK(refused.status == 401);
            CHECK(refused.error() == "session_invalid");
        }
        pharmacy_system other(b.gateway.national_port, "pharmacy-system-2");
        const auto stolen = other.call(http::verb::get, "/national/v1/countries", token);
        CHECK(stolen.status == 401);
        CHECK(stolen.error() == "session_invalid");
        const auto stolen_identify = other.identify(token, "010170-902L");
        CHECK(stolen_identify.status == 401);
        CHECK(stolen_identify.error() == "session_invalid");
        CHECK(b.finland.requests() == finland_before);  // Finland was never asked
    }
    SECTION("client certificates: a partner's is not trusted, a patient e-service's is refused") {
        CHECK_FALSE(gets_a_response(b.gateway.national_port, "fi-tls"));
        CHECK_FALSE(gets_a_response(b.gateway.national_port, ""));
        pharmacy_system eservices(b.gateway.national_port, "eservices");
        const auto refused = eservices.start_session("9900001", "AP");
        CHECK(refused.status == 403);
        CHECK(refused.error() == "pharmacy_unknown");  // the e-services read access logs only
    }
    SECTION("identifiers, countries and patients") {
        const std::string token = pharmacy.token_of();
        const auto finland_before = b.finland.requests();
        const auto mask = pharmacy.identify(token, "19121212-1212");
        CHECK(mask.status == 400);
        CHECK(mask.error() == "search_mask_violation");
        const auto country = pharmacy.identify(token, "010170-902L", "XX");
        CHECK(country.status == 404);
        CHECK(country.error() == "country_unknown");
        CHECK(b.finland.requests() == finland_before);  // refused before anything left Sweden
        const auto nobody = pharmacy.identify(token, "311299-999X");
        CHECK(nobody.status == 404);
        CHECK(nobody.error() == "patient_not_found");
        // Not identified in this session: no TRC, no list.
        const auto unidentified = pharmacy.call(http::verb::get, list_target(), token);
        CHECK(unidentified.status == 403);
        const auto not_json = pharmacy.call(
            http::verb::post, "/national/v1/foreign-patients/$identify", token, "{not json");
        CHECK(not_json.status == 400);
        const auto unknown = pharmacy.call(http::verb::get, "/national/v1/nothing", token);
        CHECK(unknown.status == 404);
        const auto method = pharmacy.call(http::verb::get, "/national/v1/sessions", token);
        CHECK(method.status == 405);
    }
    SECTION("a dispense that does not fit the prescription") {
        const std::string token = pharmacy.token_of();
        REQUIRE(pharmacy.identify(token, "010170-902L").status == 200);
        REQUIRE(pharmacy.call(http::verb::get, retrieve_target(), token).status == 200);
        const auto too_many = pharmacy.dispense(token, "SE-FI-000009", 5);
        CHECK(too_many.status == 422);
        CHECK(too_many.error() == "dispense_exceeds_prescription");
        CHECK(b.finland.received_lines().empty());
        const auto unknown =
            pharmacy.call(http::verb::get, "/national/v1/foreign-dispensations/0000", token);
        CHECK(unknown.status == 404);
    }
}

TEST_CASE(
    "a dispensation of a prescription not viewed in the session retrieves it again, and ncpeh "
    "keeps serving",
    "[country-b]") {
    country_b b;
    pharmacy_system pharmacy(b.gateway.national_port);
    const std::string token = pharmacy.token_of();
    REQUIRE(pharmacy.identify(token, "010170-902L").status == 200);

    // No view before: ncpeh retrieves the prescription from Finland to translate the
    // dispensation against it (this killed ncpeh until the retrieve request was named).
    const auto dispensed = pharmacy.dispense(token, "SE-FI-000005");
    if (dispensed.status != 201) {
        FAIL(dispensed.body + "\n" + b.gateway.process->log());
    }
    CHECK(dispensed.json().at("status") == "delivered");
    const auto received = b.finland.received_lines();
    REQUIRE(received.size() == 1);
    CHECK(received[0].at("kind") == "dispensation");
    CHECK(received[0].at("prescription_id") == "2.999.246.10.3^FI-RX-0001");
    CHECK(received[0].at("document_id") == dispensed.json().at("edDocumentId"));

    // A prescription Finland does not have: refused, nothing sent, and ncpeh still answers.
    std::string text =
        read_file(source_dir() / "tests/gateway/national_api/metformin-dispense.json");
    const auto unknown =
        pharmacy.call(http::verb::post, "/national/v1/foreign-dispensations", token,
                      json::serialize(json::object{{"country", "FI"},
                                                   {"patientId", testi},
                                                   {"documentId", "2.999.246.10.2^FI-EP-9999"},
                                                   {"medicationDispense", json::parse(text)}}));
    CHECK(unknown.status == 404);
    CHECK(unknown.error() == "document_not_found");
    CHECK(b.finland.received_lines().size() == 1);
    CHECK(pharmacy.identify(token, "010170-902L").status == 200);
    CHECK(b.gateway.process->is_running());
}

TEST_CASE(
    "a foreign NCP that is down, slow or failing gives a precise 502/504; a dispensation "
    "made meanwhile is delivered once it is back",
    "[country-b]") {
    SECTION("down, then back: the queued dispensation is delivered exactly once") {
        country_b b;
        pharmacy_system pharmacy(b.gateway.national_port);
        const std::string token = pharmacy.token_of();
        const auto [port, received] = b.finland_goes_down_after_a_view(pharmacy, token);

        const auto down = pharmacy.identify(token, "010170-902L");
        CHECK(down.status == 502);
        CHECK(down.error() == "foreign_ncp_unreachable");
        const auto queued = pharmacy.dispense(token, "SE-FI-000002");
        REQUIRE(queued.status == 202);
        CHECK(queued.json().at("status") == "queued");
        CHECK(queued.json().at("error").at("code") == "foreign_ncp_unreachable");
        const std::string id(queued.json().at("id").as_string());
        // The next one, while Finland is held after that failure (first_retry, 1 s here), is
        // not even tried; the answer still says why it waits.
        const auto held = pharmacy.dispense(token, "SE-FI-000004");
        REQUIRE(held.status == 202);
        CHECK(held.json().at("error").at("code") == "foreign_ncp_unreachable");
        CHECK(held.json().at("attempts").as_int64() <= 1);

        finnish_ncp back({}, port, received);
        std::string status;
        for (int i = 0; i < 100 && status != "delivered"; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            status = std::string(
                pharmacy.call(http::verb::get, "/national/v1/foreign-dispensations/" + id, token)
                    .json()
                    .at("status")
                    .as_string());
        }
        CHECK(status == "delivered");
        for (int i = 0; i < 50 && back.received_lines().size() < 2; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        const auto lines = back.received_lines();
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].at("kind") == "dispensation");
        CHECK(lines[1].at("kind") == "dispensation");
        CHECK(lines[0].at("document_id") != lines[1].at("document_id"));
    }
    SECTION("slow: 504") {
        gateway_options options;
        options.finland_timeout_ms = 300;
        country_b b(options, {"--delay-ms", "2000"});
        pharmacy_system pharmacy(b.gateway.national_port);
        const auto slow = pharmacy.identify(pharmacy.token_of(), "010170-902L");
        CHECK(slow.status == 504);
        CHECK(slow.error() == "foreign_ncp_timeout");
    }
    SECTION("malformed: 502 saying why") {
        country_b b({}, {"--malformed"});
        pharmacy_system pharmacy(b.gateway.national_port);
        const auto broken = pharmacy.identify(pharmacy.token_of(), "010170-902L");
        CHECK(broken.status == 502);
        CHECK(broken.error() == "foreign_ncp_answer_invalid");
        CHECK(broken.body.find("the partner's answer is not a usable SOAP 1.2 message") !=
              std::string::npos);
    }
    SECTION("another patient's document: withheld (502) and audited") {
        country_b b({}, {"--wrong-patient"});
        pharmacy_system pharmacy(b.gateway.national_port);
        const std::string token = pharmacy.token_of();
        REQUIRE(pharmacy.identify(token, "010170-902L").status == 200);
        const auto mixed_up = pharmacy.call(http::verb::get, retrieve_target(), token);
        CHECK(mixed_up.status == 502);
        CHECK(mixed_up.error() == "document_patient_mismatch");
        // Nothing of the other patient (Maija Meikäläinen, Finland's first file) reaches the
        // pharmacist, as the view or as the PDF.
        CHECK(mixed_up.body.find("Maija") == std::string::npos);
        const auto as_pdf =
            pharmacy.call(http::verb::get, retrieve_target(metformin_in_path + ".L1"), token, {},
                          "application/pdf");
        CHECK(as_pdf.status == 502);
        CHECK(as_pdf.error() == "document_patient_mismatch");
        REQUIRE(b.gateway.process->stop() == 0);
        auto trail = ncpeh::gateway::audit::sqlite_audit_trail::open(b.dir.path() / "ncpeh.db");
        REQUIRE(trail.has_value());
        const auto events = (*trail)->newest(10);
        REQUIRE(events.has_value());
        REQUIRE(events->size() >= 2);
        const auto& newest = events->front();
        CHECK(newest.transaction == "ncp-b-xca-retrieve");
        CHECK(newest.outcome == ncpeh::gateway::audit::outcome::failure);
        CHECK(newest.error_name == "document_patient_mismatch");
        CHECK(newest.patient_id == testi);
        CHECK(newest.document_ids == std::vector<std::string>{metformin_document + ".L1"});
    }
    SECTION("unavailable: 502 with Finland's code") {
        country_b b({}, {"--unavailable"});
        pharmacy_system pharmacy(b.gateway.national_port);
        const auto failing = pharmacy.identify(pharmacy.token_of(), "010170-902L");
        CHECK(failing.status == 502);
        CHECK(failing.error() == "foreign_ncp_refused");
        CHECK(failing.body.find(ncpeh::translators::fhir::uris::foreign_ncp_error_system) !=
              std::string::npos);
        CHECK(metrics_of(b.gateway.ops_port)
                  .find(outbound("xcpd", "failure", "foreign_ncp_refused") + "1\n") !=
              std::string::npos);
    }
}

TEST_CASE(
    "a dispensation committed to the outbox survives kill -9 of ncpeh and is delivered exactly "
    "once after the restart",
    "[country-b]") {
    country_b b;
    pharmacy_system pharmacy(b.gateway.national_port);
    const std::string token = pharmacy.token_of();
    // Finland is down: the dispensation stays in the outbox.
    const auto [port, received] = b.finland_goes_down_after_a_view(pharmacy, token);

    const auto queued = pharmacy.dispense(token, "SE-FI-000003");
    REQUIRE(queued.status == 202);
    const std::string id(queued.json().at("id").as_string());
    const std::string ed_id(queued.json().at("edDocumentId").as_string());
    CHECK(b.gateway.process->kill_now() == 128 + 9);

    finnish_ncp back({}, port, received);
    gateway_options options;
    options.store_url = b.store.fhir_url();
    options.finland_port = port;
    options.overrides["first_retry_seconds"] = "1";
    options.overrides["max_retry_seconds"] = "1";
    options.log_name = "serve-after-kill.log";
    const gateway_process restarted = start_gateway(b.dir, options);
    for (int i = 0; i < 100 && back.received_lines().empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const auto lines = back.received_lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].at("kind") == "dispensation");
    CHECK(lines[0].at("document_id").as_string() == ed_id);

    // The pharmacy sees it delivered through a session on the restarted gateway.
    pharmacy_system after(restarted.national_port);
    const auto status =
        after.call(http::verb::get, "/national/v1/foreign-dispensations/" + id, after.token_of());
    REQUIRE(status.status == 200);
    CHECK(status.json().at("status") == "delivered");
    CHECK(status.json().at("edDocumentId").as_string() == ed_id);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // a redelivery would come by now
    CHECK(back.received_lines().size() == 1);
}

TEST_CASE(
    "a dispensation outbox locked by another process answers 503 and sends nothing; the same "
    "dispensation goes through once the lock is gone",
    "[country-b]") {
    country_b b;
    pharmacy_system pharmacy(b.gateway.national_port);
    const std::string token = pharmacy.token_of();
    REQUIRE(pharmacy.identify(token, "010170-902L").status == 200);
    REQUIRE(pharmacy.call(http::verb::get, retrieve_target(), token).status == 200);

    {
        // A backup tool or a second ncpeh on the same folder holds the write lock.
        ncpeh::gateway::storage::sqlite_connection other(b.dir.path() / "ncpeh.outbox.db");
        other.execute("BEGIN IMMEDIATE");
        const auto refused = pharmacy.dispense(token, "SE-FI-000006");
        CHECK(refused.status == 503);
        CHECK(refused.error() == "storage_unavailable");
        CHECK(b.finland.received_lines().empty());
        CHECK(contains(b.gateway.process->log(), "locked by another connection"));
        other.execute("ROLLBACK");
    }

    const auto dispensed = pharmacy.dispense(token, "SE-FI-000006");
    REQUIRE(dispensed.status == 201);
    CHECK(dispensed.json().at("status") == "delivered");
    const auto received = b.finland.received_lines();
    REQUIRE(received.size() == 1);
    CHECK(received[0].at("document_id") == dispensed.json().at("edDocumentId"));
    CHECK(b.gateway.process->is_running());
}
