#include "trust/x509/verify_certificate.hpp"

#include <catch2/catch.hpp>

#include <thread>

#include "tests/support/test_files.hpp"
#include "trust/x509/trust_store_slot.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::trust::x509;

const std::filesystem::path pki = testing::source_dir() / "samples/pki/generated";

certificate leaf(const std::string& name) {
    return std::move(certificate::load_pem_file(pki / (name + ".pem")).value().front());
}

trust_store store(store_kind kind, bool with_crl = true) {
    std::vector<std::filesystem::path> crls;
    if (with_crl) {
        crls.push_back(pki / "ca.crl.pem");
    }
    return trust_store::load(kind, pki / "ca.pem", crls).value();
}

const auto now = std::chrono::system_clock::now();

}  // namespace

TEST_CASE("a good seal validates for assertion signing, with revocation checked") {
    const auto verdict =
        verify_certificate(store(store_kind::assertion_signatures), leaf("se-seal"),
                           certificate_purpose::assertion_signing, now)
            .value();
    CHECK(verdict.country == "SE");
    CHECK(verdict.subject == "CN=NCP-SE seal,O=ncpeh development,C=SE");
    CHECK(verdict.revocation == revocation_status::checked_not_revoked);
    CHECK(name_of(verdict.revocation) == "checked, not revoked");
}

TEST_CASE("TLS certificates validate for client and server use against the TLS store") {
    const auto tls = store(store_kind::partner_tls);
    CHECK(
        verify_certificate(tls, leaf("fi-tls"), certificate_purpose::tls_client, now).has_value());
    CHECK(
        verify_certificate(tls, leaf("se-tls"), certificate_purpose::tls_server, now).has_value());
}

TEST_CASE("stores are per purpose: a TLS store never vouches for a signer") {
    const auto e = verify_certificate(store(store_kind::partner_tls), leaf("se-seal"),
                                      certificate_purpose::assertion_signing, now)
                       .error();
    CHECK(e.code == errc::internal);
    CHECK(e.context_value("store") == "partner-tls");
}

TEST_CASE("bad certificates fail with a clear reason") {
    const auto signatures = store(store_kind::assertion_signatures);
    auto reason = [&](const std::string& name) {
        return verify_certificate(signatures, leaf(name), certificate_purpose::assertion_signing,
                                  now)
            .error();
    };
    CHECK(reason("seal-expired").code == errc::certificate_expired);
    CHECK(reason("seal-not-yet-valid").code == errc::certificate_not_yet_valid);
    CHECK(reason("seal-revoked").code == errc::certificate_revoked);
    CHECK(reason("seal-untrusted").code == errc::certificate_untrusted);
    const auto usage = reason("seal-wrong-usage");
    CHECK(usage.code == errc::certificate_wrong_usage);
    CHECK(usage.message == "key usage lacks digitalSignature and nonRepudiation");
    // The CA itself is not an end-entity certificate.
    CHECK(verify_certificate(signatures, leaf("ca"), certificate_purpose::assertion_signing, now)
              .error()
              .code == errc::certificate_wrong_usage);
    // A seal (no serverAuth) is wrong for a TLS server only if it has an EKU; the wrong-usage
    // certificate has serverAuth only, so it is refused as a TLS client.
    CHECK(verify_certificate(store(store_kind::partner_tls), leaf("seal-wrong-usage"),
                             certificate_purpose::tls_client, now)
              .error()
              .code == errc::certificate_wrong_usage);
}

TEST_CASE("validity is judged at the given time") {
    const auto signatures = store(store_kind::assertion_signatures, false);
    const auto in_2020 = std::chrono::sys_days{std::chrono::year{2020} / 6 / 1};
    // At a time inside the expired certificate's window its own validity is fine; the dev CA
    // (created today) is not valid yet then, so the chain fails as untrusted/not yet valid.
    const auto e = verify_certificate(signatures, leaf("seal-expired"),
                                      certificate_purpose::assertion_signing, in_2020)
                       .error();
    CHECK(e.code == errc::certificate_not_yet_valid);
    CHECK(e.context_value("depth") == "1");
    const auto in_2045 = std::chrono::sys_days{std::chrono::year{2045} / 6 / 1};
    CHECK(verify_certificate(signatures, leaf("se-seal"), certificate_purpose::assertion_signing,
                             in_2045)
              .error()
              .code == errc::certificate_expired);
}

TEST_CASE("the real eHDSI test CA without CRL: revocation not checked") {
    const auto ehdsi =
        trust_store::load(store_kind::assertion_signatures,
                          testing::shared_dir() / "samples/ehdsi/pki/ehdsi-test-ca.pem")
            .value();
    const auto wrong =
        verify_certificate(ehdsi, leaf("se-seal"), certificate_purpose::assertion_signing, now);
    CHECK(wrong.error().code == errc::certificate_untrusted);
}

TEST_CASE("a trust store slot swaps anchors atomically under concurrent readers") {
    trust_store_slot slot(
        std::make_shared<const trust_store>(store(store_kind::assertion_signatures)));
    const auto seal = leaf("se-seal");
    std::atomic<int> failures{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
        readers.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                const auto snapshot = slot.current();
                const auto verdict = verify_certificate(
                    *snapshot, seal, certificate_purpose::assertion_signing, now);
                // Either store (with or without CRL) accepts the good seal.
                if (!verdict) {
                    ++failures;
                }
            }
        });
    }
    for (int i = 0; i < 20; ++i) {
        slot.replace(std::make_shared<const trust_store>(
            store(store_kind::assertion_signatures, i % 2 == 0)));
    }
    for (auto& reader : readers) {
        reader.join();
    }
    CHECK(failures == 0);
    auto ehdsi = trust_store::load(store_kind::assertion_signatures,
                                   testing::shared_dir() / "samples/ehdsi/pki/ehdsi-test-ca.pem")
                     .value();
    slot.replace(std::make_shared<const trust_store>(std::move(ehdsi)));
    CHECK(verify_certificate(*slot.current(), seal, certificate_purpose::assertion_signing, now)
              .error()
              .code == errc::certificate_untrusted);
}
