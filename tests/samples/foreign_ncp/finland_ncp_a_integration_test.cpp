// Starts `foreign-ncp serve` (Finland's NCP-A) on a free loopback port and calls it as the Swedish
// NCP-B: with the `foreign-ncp` client subcommands (se-tls, se-seal, country SE) and with the
// request library for what the client cannot send (a wrong TLS client, a TRC for another
// patient).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "gateway/ihe/transaction.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "samples/foreign-ncp/ncp_connection.hpp"
#include "tests/support/finnish_ncp.hpp"
#include "tests/support/peer_samples.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace net = boost::asio;
namespace fncp = ncpeh::samples::foreign_ncp;
using ncpeh::gateway::ihe::request_action;
using ncpeh::gateway::ihe::transaction;
using ncpeh::testing::contains;
using ncpeh::testing::run_command;

namespace {

// The Finnish fixtures (samples/foreign-ncp/finland/README.md).
constexpr const char* testi = "010170-902L^^^&2.999.246.10.1&ISO";  // Testi Esimerkki
constexpr const char* matti = "150585-9133^^^&2.999.246.10.1&ISO";  // Matti Meikäläinen
constexpr const char* nobody = "010101-999X^^^&2.999.246.10.1&ISO";
constexpr const char* testi_metformin_document = "2.999.246.10.2^FI-EP-0001";
constexpr const char* testi_atorvastatin_document = "2.999.246.10.2^FI-EP-0002";
constexpr const char* testi_metformin = "2.999.246.10.3^FI-RX-0001";
constexpr const char* matti_amoxicillin = "2.999.246.10.3^FI-RX-0003";
using ncpeh::testing::finnish_hcid;
using ncpeh::testing::finnish_ncp;

std::filesystem::path finland_dir() {
    return ncpeh::testing::source_dir() / "samples/foreign-ncp/finland";
}

const fncp::sources& sources() {
    static const fncp::sources dirs{ncpeh::testing::source_dir() / "samples/pki/generated",
                                    ncpeh::testing::request_bodies_dir()};
    return dirs;
}

fncp::caller_claims swedish_claims(std::string trc_patient) {
    fncp::caller_claims claims;
    claims.seal = "se-seal";
    claims.country = "SE";
    claims.trc_patient = std::move(trc_patient);
    return claims;
}

/// One SOAP request over a connection of its own with the TLS client credential `tls`.
fncp::http_response call(unsigned short port, const std::string& tls,
                         const fncp::caller_claims& claims, transaction tx,
                         const std::string& body) {
    auto context = fncp::make_tls_context(sources().pki, tls);
    const std::string envelope =
        fncp::soap_envelope(request_action(tx), fncp::security_header(sources(), claims), body);
    net::io_context io;
    auto answer = net::co_spawn(
        io,
        [&]() -> net::awaitable<fncp::http_response> {
            fncp::ncp_connection connection(co_await net::this_coro::executor, *context);
            co_await connection.connect("127.0.0.1", port);
            co_return co_await connection.post_soap(envelope);
        },
        net::use_future);
    io.run();
    return answer.get();
}

}  // namespace

TEST_CASE("foreign-ncp serve identifies, lists and returns the Finnish ePrescriptions",
          "[foreign-ncp-serve]") {
    finnish_ncp fi;

    const auto found = fi.client({"identify", testi});
    INFO(found.out << found.err << fi.process->log());
    CHECK(found.exit_code == 0);
    CHECK(contains(found.out, "XCPD: found Testi Esimerkki, born 19700101"));

    const auto unknown = fi.client({"identify", nobody});
    CHECK(unknown.exit_code == 1);
    CHECK(contains(unknown.out, "XCPD: no such patient (NF) ERROR_PI_NO_MATCH"));

    // Addressed to Sweden's community instead of Finland's.
    const auto misaddressed =
        run_command({NCPEH_FOREIGN_NCP_EXECUTABLE, "--port", std::to_string(fi.port), "--tls",
                     "se-tls", "--seal", "se-seal", "--country", "SE", "identify", testi});
    CHECK(misaddressed.exit_code == 1);
    CHECK(contains(misaddressed.out, "refused (AE) ERROR_PI_GENERIC"));

    const auto listed = fi.client({"list", testi});
    CHECK(listed.exit_code == 0);
    CHECK(contains(listed.out, "XCA query: 4 document(s)"));  // each L3 with its L1
    CHECK(
        contains(listed.out, std::string(testi_metformin_document) + "  Metformiini Testi 500 mg"));
    CHECK(contains(listed.out, testi_atorvastatin_document));
    CHECK(contains(listed.out, std::string(testi_metformin_document) + ".L1"));
    CHECK_FALSE(contains(listed.out, "FI-EP-0003"));  // Matti's

    const auto matti_listed = fi.client({"list", matti});
    CHECK(matti_listed.exit_code == 0);
    CHECK(contains(matti_listed.out, "XCA query: 2 document(s)"));
    CHECK(contains(matti_listed.out, "2.999.246.10.2^FI-EP-0003"));

    // The L3 comes back byte for byte (the client keeps <ClinicalDocument>…</ClinicalDocument>).
    const auto fixture =
        ncpeh::testing::read_file(finland_dir() / "testi-esimerkki-metformiini.xml");
    const auto out = fi.dir.path() / "retrieved.xml";
    const auto retrieved =
        fi.client({"retrieve", testi, testi_metformin_document, "--out", out.string()});
    CHECK(retrieved.exit_code == 0);
    const auto cda = ncpeh::testing::read_file(out);
    CHECK(cda == fixture.substr(fixture.find("<ClinicalDocument"),
                                fixture.rfind("</ClinicalDocument>") + 19 -
                                    fixture.find("<ClinicalDocument")));
    const auto mtom =
        call(fi.port, "se-tls", swedish_claims(testi), transaction::xca_retrieve,
             fncp::xca_retrieve_body(sources(), testi_metformin_document, finnish_hcid));
    CHECK(mtom.result_int() == 200);
    CHECK(contains(mtom.body(), fixture));  // the whole file, declaration and comment included
    CHECK(contains(mtom[boost::beast::http::field::content_type], "multipart/related"));

    // The L1 rendering: the same prescription as a PDF in CDA.
    const auto l1_out = fi.dir.path() / "retrieved-l1.xml";
    CHECK(fi.client({"retrieve", testi, std::string(testi_metformin_document) + ".L1", "--out",
                     l1_out.string()})
              .exit_code == 0);
    const auto l1 = ncpeh::testing::read_file(l1_out);
    CHECK(contains(l1, "<nonXMLBody classCode=\"DOCBODY\""));
    CHECK(contains(l1, "mediaType=\"application/pdf\""));
    CHECK(contains(l1, "extension=\"FI-EP-0001.L1\""));

    // Another patient's document is missing for Testi.
    const auto other = fi.client({"retrieve", testi, "2.999.246.10.2^FI-EP-0003"});
    CHECK(other.exit_code == 1);
    CHECK(contains(other.out, "error XDSMissingDocument"));

    // No ePrescription: warning 1101 (the status is the project writer's: Success, as our
    // country A answers; OpenNCP says Failure).
    const auto none = fi.client({"list", nobody});
    CHECK(contains(none.out, "XCA query: 0 document(s)"));
    CHECK(contains(none.out, "error 1101"));
    // One log line per request, without personal data.
    CHECK(contains(fi.process->log(), R"("event":"foreign_ncp.request")"));
    CHECK_FALSE(contains(fi.process->log(), "010170-902L"));
    CHECK_FALSE(contains(fi.process->log(), "Esimerkki"));
}

TEST_CASE("foreign-ncp serve records eDispensations of its prescriptions and refuses others",
          "[foreign-ncp-serve]") {
    finnish_ncp fi;

    const auto accepted = fi.client({"dispense", testi, testi_metformin, "900000101"});
    INFO(accepted.out << accepted.err << fi.process->log());
    CHECK(accepted.exit_code == 0);
    CHECK(contains(accepted.out, "XDR eDispensation: accepted"));
    auto lines = fi.received_lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].at("kind").as_string() == "dispensation");
    CHECK(lines[0].at("document_id").as_string() == "2.999.246.1.5.9^900000101.eD");
    CHECK(lines[0].at("prescription_id").as_string() == testi_metformin);
    CHECK(lines[0].at("patient_id").as_string() == testi);
    CHECK(lines[0].at("count").as_int64() == 1);
    const auto file = fi.received() / "2.999.246.1.5.9_900000101.eD.xml";
    REQUIRE(std::filesystem::exists(file));
    CHECK(contains(ncpeh::testing::read_file(file),
                   R"(<id root="2.999.246.10.3" extension="FI-RX-0001"/>)"));

    // The same eD again (an outbox retry): a second line, still one file.
    CHECK(fi.client({"dispense", testi, testi_metformin, "900000101"}).exit_code == 0);
    lines = fi.received_lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].at("document_id").as_string() == "2.999.246.1.5.9^900000101.eD");
    CHECK(lines[1].at("count").as_int64() == 2);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fi.received())) {
        files += entry.path().extension() == ".xml" ? 1 : 0;
    }
    CHECK(files == 1);

    // Its discard, then the discard of a dispensation never received.
    CHECK(fi.client({"discard", testi, testi_metformin, "900000101"}).exit_code == 0);
    lines = fi.received_lines();
    REQUIRE(lines.size() == 3);
    CHECK(lines[2].at("kind").as_string() == "discard");
    CHECK(std::filesystem::exists(fi.received() / "2.999.246.1.5.9_900000101.eD.discard.xml"));
    const auto never = fi.client({"discard", testi, testi_metformin, "900000199"});
    CHECK(never.exit_code == 1);
    CHECK(contains(never.out, "error ERROR_ED_DISCARD_FAILED"));

    const auto unknown = fi.client({"dispense", testi, "2.999.246.10.3^FI-RX-9999", "900000102"});
    CHECK(unknown.exit_code == 1);
    CHECK(contains(unknown.out, "error 4105"));
    // Matti's prescription, dispensed for Testi.
    const auto others = fi.client({"dispense", testi, matti_amoxicillin, "900000103"});
    CHECK(others.exit_code == 1);
    CHECK(contains(others.out, "error 4105"));
    CHECK(fi.received_lines().size() == 3);
}

TEST_CASE("foreign-ncp serve refuses a caller that is not the Swedish NCP-B",
          "[foreign-ncp-serve]") {
    finnish_ncp fi;

    SECTION("the TLS client must be se-tls") {
        const auto res = call(fi.port, "fi-tls", swedish_claims(testi), transaction::xca_query,
                              fncp::xca_query_body(sources(), testi));
        CHECK(res.result_int() == 403);
        CHECK(contains(res.body(), "ERROR_SEC_GENERIC"));
    }
    SECTION("the assertions must be signed by a Swedish seal") {
        const auto res = fi.client({"list", testi}, {"--tls", "se-tls", "--seal", "fi-seal"});
        CHECK(res.exit_code == 1);
        CHECK(contains(res.out, "error ERROR_SEC_GENERIC"));
        CHECK(contains(fi.process->log(), R"("outcome":"ERROR_SEC_GENERIC")"));
    }
    SECTION("an unknown signer is refused") {
        const auto res =
            fi.client({"list", testi}, {"--tls", "se-tls", "--seal", "seal-untrusted"});
        CHECK(res.exit_code == 1);
        CHECK_FALSE(contains(res.out, "FI-EP-0001"));
    }
    SECTION("the TRC patient must be the patient asked for") {
        const auto listed = call(fi.port, "se-tls", swedish_claims(matti), transaction::xca_query,
                                 fncp::xca_query_body(sources(), testi));
        CHECK(contains(listed.body(), R"(errorCode="4206")"));
        CHECK_FALSE(contains(listed.body(), "FI-EP-0001"));
        const auto dispensed =
            call(fi.port, "se-tls", swedish_claims(matti), transaction::xdr_submit,
                 fncp::xdr_body(sources(), testi, testi_metformin, "900000104"));
        CHECK(contains(dispensed.body(), R"(errorCode="4206")"));
        CHECK(contains(dispensed.body(), "ResponseStatusType:Failure"));
        // A retrieve under Matti's TRC does not reach Testi's document.
        const auto retrieved =
            call(fi.port, "se-tls", swedish_claims(matti), transaction::xca_retrieve,
                 fncp::xca_retrieve_body(sources(), testi_metformin_document, finnish_hcid));
        CHECK(contains(retrieved.body(), "XDSMissingDocument"));
        CHECK_FALSE(contains(retrieved.body(), "Metformiini"));
        CHECK(fi.received_lines().empty());
    }
    SECTION("XCA needs a TRC assertion") {
        const auto res = call(fi.port, "se-tls", swedish_claims(""), transaction::xca_query,
                              fncp::xca_query_body(sources(), testi));
        CHECK(contains(res.body(), R"(errorCode="1001")"));
    }
    SECTION("an assertion is accepted once") {
        const std::string envelope = fncp::soap_envelope(
            request_action(transaction::xcpd), fncp::security_header(sources(), swedish_claims("")),
            fncp::xcpd_body_for(sources(), testi, finnish_hcid));
        auto context = fncp::make_tls_context(sources().pki, "se-tls");
        net::io_context io;
        auto answers = net::co_spawn(
            io,
            [&]() -> net::awaitable<std::pair<std::string, std::string>> {
                fncp::ncp_connection connection(co_await net::this_coro::executor, *context);
                co_await connection.connect("127.0.0.1", fi.port);
                auto first = co_await connection.post_soap(envelope);
                auto second = co_await connection.post_soap(envelope);
                co_return std::pair{first.body(), second.body()};
            },
            net::use_future);
        io.run();
        const auto [first, second] = answers.get();
        CHECK(contains(first, R"(<queryResponseCode code="OK"/>)"));
        CHECK(contains(second, R"(<queryResponseCode code="AE"/>)"));
    }
}

TEST_CASE("foreign-ncp serve --fail-first-xdr 2 fails two submissions, then accepts",
          "[foreign-ncp-serve]") {
    finnish_ncp fi({"--fail-first-xdr", "2", "--delay-ms", "20"});
    for (int attempt = 1; attempt <= 2; ++attempt) {
        const auto failed = fi.client({"dispense", testi, testi_metformin, "900000201"});
        INFO(attempt << failed.out << fi.process->log());
        CHECK(failed.exit_code == 1);
        CHECK(contains(failed.out, "error 4103"));
        CHECK(fi.received_lines().empty());
    }
    const auto third = fi.client({"dispense", testi, testi_metformin, "900000201"});
    CHECK(third.exit_code == 0);
    REQUIRE(fi.received_lines().size() == 1);
    CHECK(fi.received_lines()[0].at("document_id").as_string() == "2.999.246.1.5.9^900000201.eD");
    // Other transactions are not affected.
    CHECK(fi.client({"identify", testi}).exit_code == 0);
}

TEST_CASE("foreign-ncp serve --unavailable answers 503 with a Receiver fault",
          "[foreign-ncp-serve]") {
    finnish_ncp fi({"--unavailable"});
    const auto res = call(fi.port, "se-tls", swedish_claims(testi), transaction::xca_query,
                          fncp::xca_query_body(sources(), testi));
    CHECK(res.result_int() == 503);
    CHECK(contains(res.body(), "<env:Value>env:Receiver</env:Value>"));
    CHECK(contains(res.body(), "4103"));
    // SIGTERM stops it cleanly.
    CHECK(fi.process->stop() == 0);
    CHECK(contains(fi.process->log(), "foreign-ncp: stopped"));
}

TEST_CASE("foreign-ncp serve prints its port and serves the real peer ePrescriptions too",
          "[foreign-ncp-serve]") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    finnish_ncp fi({"--documents", finland_dir().string(), "--documents",
                    (ncpeh::testing::peer_samples_dir() / "cda/eprescription").string()});
    // The first line of standard output is the port (the log file holds both streams).
    CHECK(contains(fi.process->log(), std::to_string(fi.port) + "\n"));
    CHECK(contains(fi.process->log(), "serving 7 ePrescription(s)"));
    const auto listed = fi.client({"list", "1-1234-W7^^^&2.16.17.710.850.1000.990.1.1000&ISO"});
    CHECK(listed.exit_code == 0);
    CHECK(contains(listed.out, "XCA query: 2 document(s)"));
    CHECK(contains(listed.out, "2.16.17.710.850.1000.990.1^3000"));
    CHECK(fi.client({"identify", testi}).exit_code == 0);
}

TEST_CASE("the Finnish fixtures are ePrescriptions ncpeh translates to the Swedish view",
          "[foreign-ncp-serve]") {
    for (const auto& entry : std::filesystem::directory_iterator(finland_dir())) {
        if (entry.path().extension() != ".xml") {
            continue;
        }
        const auto res =
            run_command({NCPEH_EXECUTABLE, "translate", "--to", "se-view", entry.path().string()});
        INFO(entry.path().filename().string() << ": " << res.err);
        CHECK(res.exit_code == 0);
        CHECK(contains(res.out, R"("resourceType":"Bundle")"));
    }
}
