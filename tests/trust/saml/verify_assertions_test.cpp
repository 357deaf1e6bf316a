#include "trust/saml/verify_assertions.hpp"

#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/in_memory_replay_cache.hpp"
#include "trust/xml/date_time.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace {

using namespace ncpeh;
using namespace ncpeh::trust;

std::string sample(const std::string& name) {
    return testing::read_file(testing::shared_dir() / "samples/ehdsi/soap" / name);
}

x509::trust_store ehdsi_test_ca() {
    return x509::trust_store::load(x509::store_kind::assertion_signatures,
                                   testing::shared_dir() / "samples/ehdsi/pki/ehdsi-test-ca.pem")
        .value();
}

std::chrono::system_clock::time_point at(std::string_view text) {
    return xml::parse_date_time(text).value();
}

saml::policy_context context(saml::transaction tx, std::string_view when) {
    return saml::policy_context{tx, at(when), std::nullopt};
}

}  // namespace

TEST_CASE("the real OpenNCP-signed DK header verifies at 2025-07-26T12:00:00Z") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    const auto report = saml::check_assertions(
        sample("dk-xca-query-header.signed.xml"), store,
        context(saml::transaction::xca_list, "2025-07-26T12:00:00Z"), nullptr);
    INFO(report.first_error().describe());
    REQUIRE(report.is_valid());
    REQUIRE(report.assertions.size() == 2);
    CHECK(report.assertions[0].kind == saml::assertion_kind::hcp);
    CHECK(report.assertions[0].id == "_882a0deb-4595-4279-a290-ab27ebb0c270");
    CHECK(report.assertions[1].kind == saml::assertion_kind::trc);
    REQUIRE(report.assertions[0].chain);
    CHECK(report.assertions[0].chain->country == "DK");
    CHECK(report.assertions[0].chain->subject.find("CN=GRP:EHEALTH_NCP_BOOTCAMP_DK") !=
          std::string::npos);
    // The eHDSI test CA has no CRL here: the verdict says so instead of failing or pretending.
    CHECK(report.assertions[0].chain->revocation == x509::revocation_status::not_checked);
    const auto& verified = *report.verified;
    CHECK(verified.hcp().role->code == "221");
    CHECK(verified.trc()->subject_id == "1011649927^^^&1.2.208.176.1.2&ISO");
    CHECK(verified.trc()->advice_assertion_ids.front() == verified.hcp().id);
    CHECK(verified.hcp_signer().country == "DK");
}

TEST_CASE("the real DK header fails the time rules outside its validity window") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    const auto message = sample("dk-xca-query-header.signed.xml");
    SECTION("before NotBefore - 60 s") {
        const auto report = saml::check_assertions(
            message, store, context(saml::transaction::xca_list, "2025-07-26T11:34:00Z"), nullptr);
        CHECK_FALSE(report.is_valid());
        REQUIRE(report.assertions[0].policy_error);
        CHECK(report.assertions[0].policy_error->code == errc::hcp_assertion_invalid);
        CHECK(report.assertions[0].policy_error->message.find("not yet valid") !=
              std::string::npos);
        REQUIRE(report.assertions[1].policy_error);
        CHECK(report.assertions[1].policy_error->code == errc::assertion_not_valid);
        CHECK(report.first_error().code == errc::hcp_assertion_invalid);
        CHECK(ehdsi_code(report.first_error().code) == "ERROR_HPI_GENERIC");
    }
    SECTION("within the skew before NotBefore is accepted") {
        CHECK(saml::check_assertions(message, store,
                                     context(saml::transaction::xca_list, "2025-07-26T11:35:00Z"),
                                     nullptr)
                  .is_valid());
    }
    SECTION("TRC expired (2 h) while the HCP (4 h) is still valid") {
        const auto report = saml::check_assertions(
            message, store, context(saml::transaction::xca_list, "2025-07-26T14:00:00Z"), nullptr);
        CHECK_FALSE(report.assertions[0].policy_error);
        REQUIRE(report.assertions[1].policy_error);
        CHECK(report.assertions[1].policy_error->code == errc::assertion_not_valid);
        CHECK(report.assertions[1].policy_error->message.find("expired") != std::string::npos);
        CHECK(ehdsi_code(report.first_error().code) == "1001");
    }
    SECTION("both expired a day later") {
        const auto report = saml::check_assertions(
            message, store, context(saml::transaction::xca_list, "2025-07-27T12:00:00Z"), nullptr);
        CHECK_FALSE(report.is_valid());
        CHECK(report.assertions[0].policy_error->message.find("expired") != std::string::npos);
        // The signatures themselves still verify: only the time rules fail.
        CHECK_FALSE(report.assertions[0].signature_error);
        CHECK_FALSE(report.assertions[1].signature_error);
    }
}

TEST_CASE("the re-indented and the tampered DK headers are rejected") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    for (const char* name :
         {"dk-xca-query-header.reindented-after-signing.xml", "dk-xca-query-header.tampered.xml"}) {
        INFO(name);
        const auto report = saml::check_assertions(
            sample(name), store, context(saml::transaction::xca_list, "2025-07-26T12:00:00Z"),
            nullptr);
        CHECK_FALSE(report.is_valid());
        REQUIRE(report.assertions.size() == 2);
        for (const auto& verdict : report.assertions) {
            REQUIRE(verdict.signature_error);
            CHECK(verdict.signature_error->code == errc::signature_invalid);
            CHECK_FALSE(verdict.policy_checked);
        }
        CHECK(ehdsi_code(report.first_error().code) == "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED");
    }
}

TEST_CASE("the DK header's signer is untrusted against another anchor") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store =
        x509::trust_store::load(x509::store_kind::assertion_signatures,
                                testing::source_dir() / "samples/pki/generated/ca.pem")
            .value();
    const auto report = saml::check_assertions(
        sample("dk-xca-query-header.signed.xml"), store,
        context(saml::transaction::xca_list, "2025-07-26T12:00:00Z"), nullptr);
    REQUIRE(report.assertions[0].signature_error);
    CHECK(report.assertions[0].signature_error->code == errc::certificate_untrusted);
}

TEST_CASE("permissions are checked per transaction on the real header") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    const auto message = sample("dk-xca-query-header.signed.xml");
    // The DK HCP holds PRD-003/004/005/006/010/016 and PPD-032/033/046: every transaction passes.
    for (const auto tx :
         {saml::transaction::xcpd, saml::transaction::xca_list, saml::transaction::xca_retrieve,
          saml::transaction::xdr_dispense, saml::transaction::xdr_discard}) {
        INFO(saml::name_of(tx));
        CHECK(saml::check_assertions(message, store, context(tx, "2025-07-26T12:00:00Z"), nullptr)
                  .is_valid());
    }
}

TEST_CASE("the signer country must be the TLS peer's country") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    const auto message = sample("dk-xca-query-header.signed.xml");
    saml::policy_context from_fi = context(saml::transaction::xca_list, "2025-07-26T12:00:00Z");
    from_fi.tls_peer_country = "FI";
    const auto report = saml::check_assertions(message, store, from_fi, nullptr);
    REQUIRE(report.assertions[0].policy_error);
    CHECK(report.assertions[0].policy_error->code == errc::signer_country_mismatch);
    saml::policy_context from_dk = from_fi;
    from_dk.tls_peer_country = "DK";
    const auto ok = saml::check_assertions(message, store, from_dk, nullptr);
    CHECK(ok.is_valid());
    CHECK(ok.assertions[0].country_checked);
}

TEST_CASE("a replayed header is rejected while its assertions are alive") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    const auto message = sample("dk-xca-query-header.signed.xml");
    saml::in_memory_replay_cache cache;
    const auto ctx = context(saml::transaction::xca_list, "2025-07-26T12:00:00Z");
    REQUIRE(saml::verify_assertions(message, store, ctx, &cache).has_value());
    const auto again = saml::verify_assertions(message, store, ctx, &cache);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == errc::assertion_replayed);
    CHECK(ehdsi_code(again.error().code) == "ERROR_SEC_GENERIC");
}

TEST_CASE("one trust store serves concurrent verifications") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    const auto store = ehdsi_test_ca();
    const auto message = sample("dk-xca-query-header.signed.xml");
    const auto ctx = context(saml::transaction::xca_list, "2025-07-26T12:00:00Z");
    std::atomic<int> valid{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t) {
        workers.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                if (saml::check_assertions(message, store, ctx, nullptr).is_valid()) {
                    ++valid;
                }
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }
    CHECK(valid == 40);
}
