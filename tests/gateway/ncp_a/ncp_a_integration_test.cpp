// Country A end to end: the real `national-store` with the seed data and the real `ncpeh serve`
// on loopback, driven over mutual TLS by a foreign NCP-B (samples/foreign-ncp/foreign_requests)
// with the project's own request bodies (samples/foreign-ncp/requests) and assertions signed by
// the dev PKI. Each transaction's happy path, its refusals, and the transport and security attacks.
#include <catch2/catch.hpp>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/write.hpp>

#include <memory>
#include <set>
#include <thread>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "gateway/soap/multipart.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"
#include "trust/encoding/base64.hpp"

namespace http = boost::beast::http;
using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;
using namespace ncpeh::samples::foreign_ncp;

namespace {

constexpr std::string_view xcpd_action =
    "urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery";
constexpr std::string_view query_action = "urn:ihe:iti:2007:CrossGatewayQuery";
constexpr std::string_view retrieve_action = "urn:ihe:iti:2007:CrossGatewayRetrieve";
constexpr std::string_view xdr_action = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";

/// The national store and the gateway, started once for this program and shared by the tests
/// (each test uses its own patients or prescriptions where it writes).
struct country_a {
    temp_dir dir;
    national_store_process store = start_national_store(dir);
    gateway_process gateway = start_gateway(dir, {.store_url = store.fhir_url()});
    unsigned short port = gateway.port;
};

country_a& env() {
    static country_a instance;
    return instance;
}

http::response<http::string_body> call(std::string_view action, const caller_claims& claims,
                                       const std::string& body,
                                       const std::string& credential = "fi-tls") {
    tls_client client(env().port, credential);
    return client.post("/ncp", "application/soap+xml",
                       soap_envelope(action, security_header(partner_sources(), claims), body));
}

}  // namespace

TEST_CASE("XCPD identifies a consenting Swedish patient and hides everyone else") {
    SECTION("a known patient with consent is found with demographics") {
        auto res = call(xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
        REQUIRE(res.result() == http::status::ok);
        CHECK(contains(res.body(), R"(<queryResponseCode code="OK"/>)"));
        CHECK(contains(res.body(), R"(extension="191212121212")"));
        CHECK(contains(res.body(), R"(root="1.2.752.129.2.1.3.1")"));
        CHECK(contains(res.body(), "<family>Testsson</family>"));
        CHECK(contains(res.body(), "<given>Tolvan</given>"));
        CHECK(contains(res.body(), "PRPA_IN201306UV02:CrossGatewayPatientDiscovery"));
    }
    SECTION("unknown, protected and non-consenting patients") {
        auto nobody = call(xcpd_action, {}, xcpd_body(partner_sources(), unknown));
        CHECK(contains(nobody.body(), R"(<queryResponseCode code="NF"/>)"));
        CHECK_FALSE(contains(nobody.body(), "registrationEvent"));
        auto hidden = call(xcpd_action, {}, xcpd_body(partner_sources(), hemlig));
        CHECK(contains(hidden.body(), R"(<queryResponseCode code="NF"/>)"));
        CHECK_FALSE(contains(hidden.body(), "Skyddad"));
        CHECK_FALSE(contains(hidden.body(), "registrationEvent"));
        auto refused = call(xcpd_action, {}, xcpd_body(partner_sources(), utan));
        CHECK(contains(refused.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK(contains(refused.body(), "4701"));
        CHECK(contains(refused.body(), "InsufficientRights"));
    }
    SECTION("a query for another community is refused") {
        auto res = call(xcpd_action, {},
                        xcpd_body(partner_sources(), tolvan, "2.16.17.710.820.1000.990.1"));
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
    }
    SECTION("an HCP without the XCPD permission learns nothing") {
        caller_claims claims;
        claims.permissions = {"PRD-004", "PRD-010"};
        auto res = call(xcpd_action, claims, xcpd_body(partner_sources(), tolvan));
        CHECK(contains(res.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK(contains(res.body(), "4703"));
        CHECK_FALSE(contains(res.body(), "Testsson"));
    }
}

TEST_CASE("XCA lists a patient's dispensable prescriptions as L3 + L1 pairs") {
    SECTION("Tolvan's electronic, non-narcotic prescriptions") {
        auto res = call(query_action, for_patient(tolvan),
                        xca_query_body(partner_sources(), personnummer_cx(tolvan)));
        REQUIRE(res.result() == http::status::ok);
        CHECK(contains(res.body(), "ResponseStatusType:Success"));
        const auto ids = listed_ids(res.body());
        const std::set<std::string> listed(ids.begin(), ids.end());
        CHECK(listed.count(document_id(metformin, "L3")) == 1);
        CHECK(listed.count(document_id(metformin, "L1")) == 1);
        CHECK(listed.count(document_id(diklofenak, "L3")) == 1);
        // Narcotics (oxikodon, zolpidem) are never offered abroad.
        CHECK(listed.count(document_id(oxikodon, "L3")) == 0);
        CHECK(listed.count(document_id(zolpidem, "L3")) == 0);
        CHECK(ids.size() % 2 == 0);
        CHECK(contains(res.body(), "urn:ihe:iti:2007:AssociationType:XFRM"));
        CHECK(contains(res.body(), "urn:ihe:iti:xdw:2011:eventCode:open"));
        CHECK(contains(res.body(), R"(home="urn:oid:2.999.752.1.1")"));
    }
    SECTION("the query's patient must be the TRC's patient") {
        auto res = call(query_action, for_patient(tolvan),
                        xca_query_body(partner_sources(), personnummer_cx(testa)));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        CHECK(contains(res.body(), R"(errorCode="4206")"));
        CHECK(listed_ids(res.body()).empty());
    }
    SECTION("no consent, protected identity, no TRC") {
        auto refused = call(query_action, for_patient(utan),
                            xca_query_body(partner_sources(), personnummer_cx(utan)));
        CHECK(contains(refused.body(), R"(errorCode="4701")"));
        CHECK(listed_ids(refused.body()).empty());
        auto hidden = call(query_action, for_patient(hemlig),
                           xca_query_body(partner_sources(), personnummer_cx(hemlig)));
        CHECK(contains(hidden.body(), R"(errorCode="1101")"));
        CHECK(listed_ids(hidden.body()).empty());
        auto no_trc =
            call(query_action, {}, xca_query_body(partner_sources(), personnummer_cx(tolvan)));
        CHECK(contains(no_trc.body(), "ResponseStatusType:Failure"));
        CHECK(listed_ids(no_trc.body()).empty());
    }
}

TEST_CASE("XCA retrieve returns the L3 and L1 documents over MTOM") {
    SECTION("the L3 pivot of a listed prescription") {
        auto res = call(retrieve_action, for_patient(tolvan),
                        xca_retrieve_body(partner_sources(), document_id(metformin, "L3")));
        REQUIRE(res.result() == http::status::ok);
        CHECK(contains(res[http::field::content_type], "multipart/related"));
        CHECK(contains(res.body(), "ResponseStatusType:Success"));
        const std::string cda = attachment_of(res);
        CHECK(contains(cda, R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.1"/>)"));
        CHECK(contains(cda, R"(extension="5e020001-0000-4000-8000-000000000001.L3")"));
        CHECK(contains(cda, "Metformin Exempel"));
        CHECK(contains(cda, R"(extension="191212121212")"));
    }
    SECTION("the L1 PDF-in-CDA") {
        auto res = call(retrieve_action, for_patient(tolvan),
                        xca_retrieve_body(partner_sources(), document_id(metformin, "L1")));
        const std::string cda = attachment_of(res);
        CHECK(contains(cda, R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.6"/>)"));
        CHECK(contains(cda, R"(mediaType="application/pdf")"));
        CHECK(pdf_of(cda).starts_with("%PDF-"));
    }
    SECTION("unknown documents, other patients' documents and other repositories are missing") {
        auto unknown_doc = call(retrieve_action, for_patient(tolvan),
                                xca_retrieve_body(partner_sources(), document_id("nope", "L3")));
        CHECK(contains(unknown_doc.body(), "XDSMissingDocument"));
        CHECK(contains(unknown_doc.body(), "ResponseStatusType:Failure"));
        auto other_patient =
            call(retrieve_action, for_patient(testa),
                 xca_retrieve_body(partner_sources(), document_id(metformin, "L3")));
        CHECK(contains(other_patient.body(), "XDSMissingDocument"));
        CHECK_FALSE(contains(other_patient.body(), "Metformin"));
        auto other_repository =
            call(retrieve_action, for_patient(tolvan),
                 xca_retrieve_body(partner_sources(), document_id(metformin, "L3"), "1234"));
        CHECK(contains(other_repository.body(), "XDSMissingDocument"));
    }
    SECTION("several documents in one request are each answered on their own") {
        // One request for four documents: the body's DocumentRequest, repeated.
        std::string body = xca_retrieve_body(partner_sources(), document_id(metformin, "L3"));
        const auto first = body.find("<ns5:DocumentRequest>");
        const auto end = body.find("</ns5:DocumentRequest>") + 22;
        const std::string one = body.substr(first, end - first);
        auto asking_for = [&one](const std::string& document, const std::string& repository) {
            std::string r = one;
            r.replace(r.find(document_id(metformin, "L3")), document_id(metformin, "L3").size(),
                      document);
            r.replace(r.find(std::string(swedish_hcid) + "</ns5:RepositoryUniqueId>"),
                      std::string(swedish_hcid).size(), repository);
            return r;
        };
        body.insert(end, asking_for(document_id("nope", "L3"), std::string(swedish_hcid)) +
                             asking_for(document_id(metformin, "L3"), "1234") +
                             asking_for(document_id(metformin, "L1"), std::string(swedish_hcid)));
        auto res = call(retrieve_action, for_patient(tolvan), body);
        REQUIRE(res.result() == http::status::ok);
        CHECK(contains(res.body(), "ResponseStatusType:PartialSuccess"));
        CHECK(occurrences(res.body(), "XDSMissingDocument") == 2);
        CHECK(occurrences(res.body(), "<xds:DocumentResponse>") == 2);
        CHECK(contains(res.body(), document_id(metformin, "L1")));
        CHECK(contains(res.body(), document_id(metformin, "L3")));
    }
    SECTION("an expired prescription is not dispensable") {
        auto res = call(retrieve_action, for_patient(testa),
                        xca_retrieve_body(partner_sources(), document_id(expired_metformin, "L3")));
        CHECK(contains(res.body(), "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
    }
}

TEST_CASE("XDR records an eDispensation once and discards it") {
    const std::string patient = personnummer_cx(tolvan);
    SECTION("dispense, resubmit, discard") {
        auto first = call(xdr_action, for_patient(tolvan),
                          xdr_body(partner_sources(), patient, amoxicillin, "7001"));
        INFO(first.body());
        REQUIRE(first.result() == http::status::ok);
        CHECK(contains(first.body(), "ResponseStatusType:Success"));
        CHECK_FALSE(contains(first.body(), "RegistryError "));
        auto again = call(xdr_action, for_patient(tolvan),
                          xdr_body(partner_sources(), patient, amoxicillin, "7001"));
        CHECK(contains(again.body(), "ResponseStatusType:Success"));
        CHECK(contains(env().gateway.process->log(), R"("replayed":true)"));
        auto discard = call(xdr_action, for_patient(tolvan),
                            xdr_body(partner_sources(), patient, amoxicillin, "7001", true));
        CHECK(contains(discard.body(), "ResponseStatusType:Success"));
        CHECK(contains(env().gateway.process->log(), "xdr.dispense_reversed"));
    }
    SECTION("discarding a dispensation that was never recorded fails") {
        auto res = call(xdr_action, for_patient(tolvan),
                        xdr_body(partner_sources(), patient, diklofenak, "7002", true));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        CHECK(contains(res.body(), "ERROR_ED_DISCARD"));
    }
    SECTION("an already dispensed prescription") {
        auto res = call(
            xdr_action, for_patient(fiktiva),
            xdr_body(partner_sources(), personnummer_cx(fiktiva), used_up_amoxicillin, "7003"));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        CHECK(contains(res.body(), R"(errorCode="4106")"));
    }
    SECTION("the submitted patient must be the TRC's, and own the prescription") {
        auto wrong_trc = call(xdr_action, for_patient(testa),
                              xdr_body(partner_sources(), patient, diklofenak, "7004"));
        CHECK(contains(wrong_trc.body(), R"(errorCode="4206")"));
        auto not_theirs =
            call(xdr_action, for_patient(testa),
                 xdr_body(partner_sources(), personnummer_cx(testa), diklofenak, "7005"));
        CHECK(contains(not_theirs.body(), R"(errorCode="4105")"));
    }
    SECTION("a dispensation without the PPD-046 permission is refused") {
        caller_claims claims = for_patient(tolvan);
        claims.permissions = {"PRD-004", "PRD-006", "PRD-010"};
        auto res =
            call(xdr_action, claims, xdr_body(partner_sources(), patient, diklofenak, "7006"));
        CHECK(contains(res.body(), R"(errorCode="4703")"));
    }
    SECTION("the same submission as MTOM with xop:Include") {
        std::string body = xdr_body(partner_sources(), patient, metformin, "7007");
        const auto [first, last] = inline_document_span(body);
        const std::string ed =
            ncpeh::trust::encoding::base64_decode(body.substr(first, last - first)).value();
        body.replace(first, last - first,
                     R"(<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" )"
                     R"(href="cid:ed1@ncpeh.test"/>)");
        const std::string envelope = soap_envelope(
            xdr_action, security_header(partner_sources(), for_patient(tolvan)), body);
        const std::string boundary = "MIMEBoundary_ncpeh_test";
        const std::string mtom =
            "--" + boundary +
            "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
            "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root@ncpeh.test>\r\n\r\n" +
            envelope + "\r\n--" + boundary +
            "\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\nContent-ID: "
            "<ed1@ncpeh.test>\r\n\r\n" +
            ed + "\r\n--" + boundary + "--\r\n";
        tls_client client(env().port, "fi-tls");
        auto res =
            client.post("/ncp",
                        "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary +
                            "\"; start=\"<root@ncpeh.test>\"; start-info=\"application/soap+xml\"",
                        mtom);
        CHECK(contains(res.body(), "ResponseStatusType:Success"));
    }
}

TEST_CASE("Security and transport failures are refused before the national store is used") {
    SECTION("no client certificate, or one from an untrusted CA: no HTTP at all") {
        CHECK_FALSE(gets_a_response(env().port, ""));
        CHECK_FALSE(gets_a_response(env().port, "rogue-ca"));
    }
    SECTION("malformed SOAP is a Sender fault") {
        tls_client client(env().port, "fi-tls");
        auto res = client.post("/ncp", "application/soap+xml", "<s:Envelope");
        CHECK(res.result() == http::status::bad_request);
        CHECK(contains(res.body(), "env:Sender"));
    }
    SECTION("an oversized body is refused with 413") {
        // Only the header is sent: the limit is enforced on Content-Length before any body is
        // read (sending the body too would race the server's close with a TCP reset).
        tls_client client(env().port, "fi-tls");
        http::request<http::empty_body> req{http::verb::post, "/ncp", 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::content_type, "application/soap+xml");
        req.set(http::field::content_length, "140000");
        http::write(client.stream(), req);
        CHECK(client.read().result() == http::status::payload_too_large);
    }
    SECTION("no assertion at all") {
        tls_client client(env().port, "fi-tls");
        auto res =
            client.post("/ncp", "application/soap+xml",
                        soap_envelope(query_action, "",
                                      xca_query_body(partner_sources(), personnummer_cx(tolvan))));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        CHECK(listed_ids(res.body()).empty());
    }
    SECTION("a replayed assertion is refused the second time") {
        const std::string envelope =
            soap_envelope(query_action, security_header(partner_sources(), for_patient(tolvan)),
                          xca_query_body(partner_sources(), personnummer_cx(tolvan)));
        tls_client client(env().port, "fi-tls");
        auto first = client.post("/ncp", "application/soap+xml", envelope);
        CHECK(contains(first.body(), "ResponseStatusType:Success"));
        tls_client again(env().port, "fi-tls");
        auto second = again.post("/ncp", "application/soap+xml", envelope);
        CHECK(contains(second.body(), "ResponseStatusType:Failure"));
        CHECK(listed_ids(second.body()).empty());
    }
    SECTION("assertions signed in another country than the TLS peer's") {
        caller_claims claims = for_patient(tolvan);
        claims.seal = "se-seal";
        claims.country = "SE";
        auto res =
            call(query_action, claims, xca_query_body(partner_sources(), personnummer_cx(tolvan)));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        CHECK(listed_ids(res.body()).empty());
    }
    SECTION("a tampered assertion") {
        std::string security = security_header(partner_sources(), for_patient(tolvan));
        const auto at = security.find("191212121212");
        REQUIRE(at != std::string::npos);
        security.replace(at, 12, "190001019827");
        tls_client client(env().port, "fi-tls");
        auto res =
            client.post("/ncp", "application/soap+xml",
                        soap_envelope(query_action, security,
                                      xca_query_body(partner_sources(), personnummer_cx(testa))));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        CHECK(listed_ids(res.body()).empty());
    }
}

// The last test of the shared gateway: ncpeh holds its audit database alone while it runs, so
// the trail is read after it has stopped.
TEST_CASE("Every transaction is in the audit trail, personal data only there") {
    call(xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
    REQUIRE(env().gateway.process->stop() == 0);
    auto trail = ncpeh::gateway::audit::sqlite_audit_trail::open(env().dir.path() / "ncpeh.db");
    REQUIRE(trail.has_value());
    auto events = (*trail)->newest(500);
    REQUIRE(events.has_value());
    REQUIRE_FALSE(events->empty());
    const auto& newest = events->front();
    CHECK(newest.transaction == "xcpd");
    CHECK(newest.partner_country == "FI");
    CHECK(newest.patient_id == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(newest.requester == "Testi Apteekkari");
    CHECK(newest.outcome == ncpeh::gateway::audit::outcome::success);
    std::set<std::string> seen;
    for (const auto& e : *events) {
        seen.insert(e.transaction);
    }
    CHECK(seen.count("xca-list") == 1);
    CHECK(seen.count("xca-retrieve") == 1);
    CHECK(seen.count("xdr-dispense") == 1);
    CHECK(seen.count("xdr-discard") == 1);
    // A dispensation's row that it began comes before the row of how it ended.
    std::set<std::string> started;
    for (const auto& e : *events) {
        if (e.outcome == ncpeh::gateway::audit::outcome::started) {
            started.insert(e.transaction);
        }
    }
    CHECK(started == std::set<std::string>{"xdr-dispense", "xdr-discard"});
    // The log never carries the personnummer or the professional's name.
    const std::string log = env().gateway.process->log();
    CHECK_FALSE(contains(log, "191212121212"));
    CHECK_FALSE(contains(log, "Testi Apteekkari"));
}

TEST_CASE("A national store that is down or hangs gives an error answer, in bounded time") {
    temp_dir dir;
    // Listens but never answers: requests time out.
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor silent(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    const auto silent_port = silent.local_endpoint().port();
    SECTION("nothing listens") {
        auto gateway = start_gateway(
            dir, {.store_url = "http://127.0.0.1:" + std::to_string(free_loopback_port()) + "/fhir",
                  .store_timeout_ms = 500});
        const auto port = gateway.port;
        tls_client client(port, "fi-tls");
        auto res = client.post(
            "/ncp", "application/soap+xml",
            soap_envelope(query_action, security_header(partner_sources(), for_patient(tolvan)),
                          xca_query_body(partner_sources(), personnummer_cx(tolvan))));
        CHECK(res.result() == http::status::ok);
        CHECK(contains(res.body(), R"(errorCode="4103")"));
        auto xcpd = call_ncp(port, xcpd_action, {}, xcpd_body(partner_sources(), tolvan));
        CHECK(contains(xcpd.body(), R"(<queryResponseCode code="AE"/>)"));
        CHECK(contains(xcpd.body(), "ResponderBusy"));
    }
    SECTION("the store accepts but never answers") {
        auto gateway = start_gateway(
            dir, {.store_url = "http://127.0.0.1:" + std::to_string(silent_port) + "/fhir",
                  .store_timeout_ms = 300});
        const auto port = gateway.port;
        const auto started = std::chrono::steady_clock::now();
        auto res = call_ncp(port, retrieve_action, for_patient(tolvan),
                            xca_retrieve_body(partner_sources(), document_id(metformin, "L3")));
        CHECK(contains(res.body(), R"(errorCode="4103")"));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
        // Three attempts of 300 ms plus backoff: well under the caller's own timeout.
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(8));
    }
}
