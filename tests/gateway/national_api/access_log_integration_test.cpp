// A Swedish patient's cross-border access log end to end: the reference national store and
// `ncpeh serve` on loopback; Finland (the dev PKI's fi-tls and fi-seal) reads and dispenses seed
// patients' prescriptions as country B, then the patient e-services (their own client
// certificate, `eservices`) read each patient's log on the national API.
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/api_answer.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "translators/fhir/uris.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace ncpeh::testing;
using namespace ncpeh::samples::foreign_ncp;

namespace {

constexpr std::string_view query_action = "urn:ihe:iti:2007:CrossGatewayQuery";
constexpr std::string_view retrieve_action = "urn:ihe:iti:2007:CrossGatewayRetrieve";
constexpr std::string_view xdr_action = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
constexpr std::string_view xcpd_action =
    "urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery";

using answer = api_answer;

answer get(unsigned short port, const std::string& target,
           const std::string& credential = "eservices") {
    tls_client client(port, credential);
    const auto res = client.send(http::request<http::string_body>{http::verb::get, target, 11});
    return {res.result_int(), std::string(res[http::field::content_type]), res.body()};
}

std::string log_of(std::string_view personnummer, const std::string& query = {}) {
    return "/national/v1/patients/" + std::string(personnummer) + "/cross-border-access" + query;
}

std::vector<std::string> actions_of(const json::value& page) {
    std::vector<std::string> out;
    for (const auto& entry : page.at("entries").as_array()) {
        out.emplace_back(entry.at("action").as_string());
    }
    return out;
}

// Finland's pharmacy at work for Tolvan (identify, list, retrieve, dispense, discard) and
// Testa (identify, list), and asking for the protected Hemlig (not found); unique message ids.
void finland_at_work(unsigned short port) {
    int n = 0;
    const auto send = [&](std::string_view action, const caller_claims& claims,
                          const std::string& body) {
        const std::string message_id =
            "urn:uuid:6d0f4c3e-0000-4000-8000-0000000001" + std::to_string(10 + n++);
        const auto res = call_ncp(port, action, claims, body, message_id);
        REQUIRE(res.result() == http::status::ok);
    };
    const std::string tolvan = personnummer_cx(seed::tolvan);
    send(xcpd_action, {}, xcpd_body(partner_sources(), seed::tolvan));
    send(query_action, for_patient(seed::tolvan), xca_query_body(partner_sources(), tolvan));
    send(retrieve_action, for_patient(seed::tolvan),
         xca_retrieve_body(partner_sources(), document_id(seed::metformin, "L3")));
    send(xdr_action, for_patient(seed::tolvan),
         xdr_body(partner_sources(), tolvan, seed::amoxicillin, "8001"));
    send(xdr_action, for_patient(seed::tolvan),
         xdr_body(partner_sources(), tolvan, seed::amoxicillin, "8001", true));
    send(xcpd_action, {}, xcpd_body(partner_sources(), seed::testa));
    send(query_action, for_patient(seed::testa),
         xca_query_body(partner_sources(), personnummer_cx(seed::testa)));
    send(xcpd_action, {}, xcpd_body(partner_sources(), seed::hemlig));
}

}  // namespace

TEST_CASE(
    "the patient e-services read a Swedish patient's cross-border access log, newest first and "
    "paged; nobody else reads it",
    "[access-log]") {
    temp_dir dir;
    const national_store_process store = start_national_store(dir);
    gateway_process gateway = start_gateway(dir, {.store_url = store.fhir_url()});
    finland_at_work(gateway.port);
    const unsigned short national = gateway.national_port;

    const auto whole = get(national, log_of(seed::tolvan));
    INFO(whole.body);
    REQUIRE(whole.status == 200);
    const auto page = whole.json();
    CHECK(page.at("patient").at("oid") == "1.2.752.129.2.1.3.1");
    CHECK(page.at("patient").at("value") == "191212121212");
    CHECK(actions_of(page) ==
          std::vector<std::string>{"discard", "dispense", "retrieve", "list", "identify"});
    CHECK_FALSE(page.as_object().contains("next"));
    for (const auto& entry : page.at("entries").as_array()) {
        INFO(json::serialize(entry));
        CHECK(entry.at("country") == "FI");
        CHECK(entry.at("organization") == "Testiapteekki");
        CHECK(entry.at("pharmacist").at("name") == "Testi Apteekkari");
        CHECK(entry.at("pharmacist").at("role").at("code") == "2262");
        CHECK(entry.at("pharmacist").at("role").at("display") == "Pharmacists");
        CHECK(entry.at("outcome") == "success");
        CHECK(entry.at("at").as_string().size() == 24);  // 2026-12-07T21:30:00.123Z
    }
    const auto& entries = page.at("entries").as_array();
    CHECK(entries.at(0).at("transaction") == "xdr-discard");
    CHECK(entries.at(2).at("transaction") == "xca-retrieve");
    CHECK(entries.at(2)
              .at("documents")
              .at(0)
              .as_string()
              .starts_with(document_id(seed::metformin, "L3")));
    // Newest first: each entry is no later than the one before it.
    for (std::size_t i = 1; i < entries.size(); ++i) {
        CHECK(entries.at(i).at("at").as_string() <= entries.at(i - 1).at("at").as_string());
    }

    SECTION("pages of two, followed by their next links, give the same entries") {
        std::vector<std::string> paged;
        std::string target = log_of(seed::tolvan, "?_count=2");
        int pages = 0;
        for (; pages < 10 && !target.empty(); ++pages) {
            const auto one = get(national, target);
            REQUIRE(one.status == 200);
            const auto body = one.json();
            const auto actions = actions_of(body);
            CHECK(actions.size() <= 2);
            paged.insert(paged.end(), actions.begin(), actions.end());
            target = body.as_object().contains("next") ? std::string(body.at("next").as_string())
                                                       : std::string();
        }
        CHECK(pages == 3);
        CHECK(paged == actions_of(page));
        // More than the bound asked for: at most 100.
        CHECK(get(national, log_of(seed::tolvan, "?_count=100000")).status == 200);
    }
    SECTION("each patient sees their own entries only") {
        const auto testa = get(national, log_of(seed::testa));
        REQUIRE(testa.status == 200);
        CHECK(actions_of(testa.json()) == std::vector<std::string>{"list", "identify"});
        CHECK(testa.body.find("191212121212") == std::string::npos);
        const auto nobody = get(national, log_of(seed::unknown));
        REQUIRE(nobody.status == 200);
        CHECK(nobody.json().at("entries").as_array().empty());
    }
    SECTION("a protected identity has no entries, exactly as a patient without any") {
        const auto hidden = get(national, log_of(seed::hemlig));
        REQUIRE(hidden.status == 200);
        CHECK(hidden.json().at("entries").as_array().empty());
        CHECK_FALSE(hidden.json().as_object().contains("next"));
    }
    SECTION("pharmacy systems, strangers and malformed requests are refused") {
        const auto pharmacy = get(national, log_of(seed::tolvan), "pharmacy-system");
        CHECK(pharmacy.status == 403);
        CHECK(pharmacy.error() == "insufficient_rights");
        CHECK(pharmacy.body.find("Testiapteekki") == std::string::npos);
        CHECK_FALSE(gets_a_response(national, ""));        // no client certificate
        CHECK_FALSE(gets_a_response(national, "fi-tls"));  // a partner's
        // The e-services may call nothing else.
        const auto countries = get(national, "/national/v1/countries");
        CHECK(countries.status == 403);
        CHECK(countries.error() == "pharmacy_unknown");
        for (const std::string bad : {"191212121213", "19121212-1212", "1912121212", "abcdefghijkl",
                                      "19121212121212", "20010229456"}) {
            INFO(bad);
            const auto refused = get(national, log_of(bad));
            CHECK(refused.status == 400);
            CHECK(refused.error() == "invalid_argument");
        }
        for (const std::string query :
             {"?_count=0", "?_count=-1", "?_count=two", "?cursor=1.2.3", "?cursor=%25"}) {
            INFO(query);
            CHECK(get(national, log_of(seed::tolvan, query)).status == 400);
        }
    }

    // Each reading is in the audit trail (who asked, for whom); no personnummer in ncpeh's log.
    const std::string log = gateway.process->log();
    for (const auto personnummer : {seed::tolvan, seed::testa, seed::hemlig}) {
        CHECK(log.find(personnummer) == std::string::npos);
    }
    REQUIRE(gateway.process->stop() == 0);
    {
        auto trail = ncpeh::gateway::audit::sqlite_audit_trail::open(dir.path() / "ncpeh.db");
        REQUIRE(trail.has_value());
        const auto newest = (*trail)->newest(1).value();
        REQUIRE(newest.size() == 1);
        CHECK(newest[0].transaction == "patient-access");
        CHECK(newest[0].requester_organisation == "1177 Exempel");
        CHECK(newest[0].requester.starts_with("patient e-service certificate "));
        CHECK_FALSE(newest[0].patient_id.empty());
    }

    // The register's own client (the same certificate, configured so) sees the protected entry.
    gateway_options as_register{.store_url = store.fhir_url()};
    as_register.overrides["register_client"] = "true";
    as_register.log_name = "serve-register.log";
    gateway = start_gateway(dir, as_register);
    const auto register_view = get(gateway.national_port, log_of(seed::hemlig));
    REQUIRE(register_view.status == 200);
    CHECK(actions_of(register_view.json()) == std::vector<std::string>{"identify"});
    CHECK(register_view.json().at("entries").at(0).at("country") == "FI");
}
