// Runs `ncpeh verify-assertions` as an operator would: on a header signed here with the dev PKI
// and on the real OpenNCP-signed eHDSI header of ../shared.
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/support/peer_samples.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

using ncpeh::testing::run_command;

namespace {
const std::string ncpeh_bin = NCPEH_EXECUTABLE;
const std::string soap_dir = (ncpeh::testing::shared_dir() / "samples/ehdsi/soap").string();
const std::string signed_header = soap_dir + "/dk-xca-query-header.signed.xml";
const std::string ehdsi_ca =
    (ncpeh::testing::shared_dir() / "samples/ehdsi/pki/ehdsi-test-ca.pem").string();
}  // namespace

TEST_CASE("verify-assertions accepts a header the dev PKI signed and refuses another anchor") {
    namespace fi = ncpeh::samples::foreign_ncp;
    const fi::sources& from = ncpeh::testing::partner_sources();
    const fi::caller_claims claims = ncpeh::testing::for_patient("191212121212");
    ncpeh::testing::temp_dir dir;
    const auto header = dir.write(
        "header.xml", fi::soap_envelope("urn:ihe:iti:2007:CrossGatewayQuery",
                                        fi::security_header(from, claims), "<x xmlns=\"urn:x\"/>"));
    const std::string dev_ca = (from.pki / "ca.pem").string();
    const auto r =
        run_command({ncpeh_bin, "verify-assertions", header.string(), "--trust", dev_ca});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto verdict = boost::json::parse(r.out).as_object();
    CHECK(verdict.at("valid").as_bool());
    CHECK(verdict.at("transaction").as_string() == "xca-list");
    const auto& assertions = verdict.at("assertions").as_array();
    REQUIRE(assertions.size() == 2);
    CHECK(assertions[0].at("kind").as_string() == "hcp");
    CHECK(assertions[0].at("chain").at("country").as_string() == "FI");
    CHECK(assertions[1].at("kind").as_string() == "trc");

    const auto rogue = run_command({ncpeh_bin, "verify-assertions", header.string(), "--trust",
                                    (from.pki / "rogue-ca.pem").string()});
    CHECK(rogue.exit_code == 1);
    CHECK(boost::json::parse(rogue.out)
              .at("assertions")
              .as_array()[0]
              .at("signature")
              .at("error")
              .at("code")
              .as_string() == "certificate_untrusted");
    CHECK(run_command({ncpeh_bin, "verify-assertions", "/nonexistent.xml", "--trust", dev_ca})
              .exit_code == 2);
}

TEST_CASE("verify-assertions accepts the real DK header at its issue time and exits 0") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto r = run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust", ehdsi_ca,
                                "--at", "2025-07-26T12:00:00Z", "--transaction", "xca-list"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto verdict = boost::json::parse(r.out).as_object();
    CHECK(verdict.at("valid").as_bool());
    CHECK(verdict.at("transaction").as_string() == "xca-list");
    const auto& assertions = verdict.at("assertions").as_array();
    REQUIRE(assertions.size() == 2);
    const auto& hcp = assertions[0].as_object();
    CHECK(hcp.at("kind").as_string() == "hcp");
    CHECK(hcp.at("signature").as_object().at("valid").as_bool());
    CHECK(hcp.at("chain").as_object().at("country").as_string() == "DK");
    CHECK(hcp.at("chain").as_object().at("revocation").as_string() == "revocation not checked");
    CHECK(hcp.at("policy").as_object().at("valid").as_bool());
    CHECK(hcp.at("error_code").is_null());
    CHECK(assertions[1].as_object().at("kind").as_string() == "trc");
}

TEST_CASE("verify-assertions takes the transaction from wsa:Action when not given") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto r = run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust", ehdsi_ca,
                                "--at", "2025-07-26T12:00:00Z"});
    CHECK(r.exit_code == 0);
    CHECK(boost::json::parse(r.out).at("transaction").as_string() == "xca-list");
}

TEST_CASE("verify-assertions exits 1 with the eHDSI code when an assertion is invalid") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    SECTION("expired") {
        const auto r = run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust",
                                    ehdsi_ca, "--at", "2025-07-27T12:00:00Z"});
        CHECK(r.exit_code == 1);
        const auto verdict = boost::json::parse(r.out).as_object();
        CHECK_FALSE(verdict.at("valid").as_bool());
        CHECK(verdict.at("error_code").as_string() == "ERROR_HPI_GENERIC");
        const auto& hcp = verdict.at("assertions").as_array()[0].as_object();
        CHECK(hcp.at("signature").as_object().at("valid").as_bool());
        CHECK(hcp.at("policy").as_object().at("error").as_object().at("code").as_string() ==
              "hcp_assertion_invalid");
    }
    SECTION("tampered") {
        const auto r = run_command({ncpeh_bin, "verify-assertions",
                                    soap_dir + "/dk-xca-query-header.tampered.xml", "--trust",
                                    ehdsi_ca, "--at", "2025-07-26T12:00:00Z"});
        CHECK(r.exit_code == 1);
        CHECK(boost::json::parse(r.out).at("error_code").as_string() ==
              "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED");
    }
    SECTION("wrong anchor") {
        const auto r =
            run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust",
                         (ncpeh::testing::source_dir() / "samples/pki/generated/ca.pem").string(),
                         "--at", "2025-07-26T12:00:00Z"});
        CHECK(r.exit_code == 1);
        const auto verdict = boost::json::parse(r.out);
        CHECK(verdict.at("assertions")
                  .as_array()[0]
                  .at("signature")
                  .at("error")
                  .at("code")
                  .as_string() == "certificate_untrusted");
    }
}

TEST_CASE("verify-assertions exits 2 on unusable input") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    ncpeh::testing::temp_dir dir;
    const auto not_xml = dir.write("header.xml", "this is not XML");
    CHECK(run_command({ncpeh_bin, "verify-assertions", not_xml.string(), "--trust", ehdsi_ca})
              .exit_code == 2);
    CHECK(run_command({ncpeh_bin, "verify-assertions", "/nonexistent.xml", "--trust", ehdsi_ca})
              .exit_code == 2);
    CHECK(
        run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust", "/nonexistent.pem"})
            .exit_code == 2);
    CHECK(run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust", ehdsi_ca, "--at",
                       "yesterday"})
              .exit_code == 2);
    CHECK(run_command({ncpeh_bin, "verify-assertions", signed_header, "--trust", ehdsi_ca,
                       "--transaction", "bogus"})
              .exit_code == 2);
}
