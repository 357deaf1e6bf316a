#include "trust/x509/verify_certificate.hpp"

#include <catch2/catch.hpp>

#include <openssl/pem.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <thread>

#include "tests/support/peer_samples.hpp"
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

// A CRL signed by the dev CA that is current from `margin` ago until `margin` from now.
std::string crl_valid_for(std::chrono::seconds margin) {
    const auto ca = leaf("ca");
    std::unique_ptr<FILE, decltype(&std::fclose)> key_file(
        std::fopen((pki / "ca.key").c_str(), "rb"), &std::fclose);
    REQUIRE(key_file);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_PrivateKey(key_file.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    REQUIRE(key);
    std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)> crl(X509_CRL_new(), &X509_CRL_free);
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)> last(
        ASN1_TIME_set(nullptr, t - margin.count()), &ASN1_TIME_free);
    std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)> next(
        ASN1_TIME_set(nullptr, t + margin.count()), &ASN1_TIME_free);
    REQUIRE(X509_CRL_set_version(crl.get(), 1) == 1);
    REQUIRE(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.get())) == 1);
    REQUIRE(X509_CRL_set1_lastUpdate(crl.get(), last.get()) == 1);
    REQUIRE(X509_CRL_set1_nextUpdate(crl.get(), next.get()) == 1);
    REQUIRE(X509_CRL_sign(crl.get(), key.get(), EVP_sha256()) > 0);
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
    REQUIRE(PEM_write_bio_X509_CRL(out.get(), crl.get()) == 1);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

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
    if (testing::skip_without_peer_samples()) {
        return;
    }
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
    // Another anchor (the dev PKI's rogue CA: same subject, another key) no longer vouches.
    auto rogue = trust_store::load(store_kind::assertion_signatures, pki / "rogue-ca.pem").value();
    slot.replace(std::make_shared<const trust_store>(std::move(rogue)));
    CHECK(verify_certificate(*slot.current(), seal, certificate_purpose::assertion_signing, now)
              .error()
              .code == errc::certificate_untrusted);
}

TEST_CASE("a successful validation is remembered per store, purpose and time window") {
    const auto signatures = store(store_kind::assertion_signatures);
    const auto seal = leaf("se-seal");
    REQUIRE(signatures.verified_chains().size() == 0);
    const auto first =
        verify_certificate(signatures, seal, certificate_purpose::assertion_signing, now).value();
    CHECK(signatures.verified_chains().size() == 1);

    SECTION("the same certificate again gets the same verdict without a new entry") {
        const auto again =
            verify_certificate(signatures, seal, certificate_purpose::assertion_signing,
                               now + std::chrono::hours(1))
                .value();
        CHECK(again.subject == first.subject);
        CHECK(again.country == "SE");
        CHECK(again.revocation == revocation_status::checked_not_revoked);
        CHECK(signatures.verified_chains().size() == 1);
    }
    SECTION("signatures reach the cache through the store's decoded certificates") {
        // The request path decodes ds:X509Certificate through the store, which hands out one
        // object per text: the second signature by the same seal is a hit.
        const std::string text = seal.base64_der();
        for (int i = 0; i < 3; ++i) {
            const auto decoded = signatures.decoded_certificates().decode(text).value();
            REQUIRE(
                verify_certificate(signatures, decoded, certificate_purpose::assertion_signing, now)
                    .has_value());
        }
        CHECK(signatures.verified_chains().size() == 2);
        // An equal certificate decoded elsewhere is judged on its own (the key is the object).
        REQUIRE(verify_certificate(signatures, leaf("se-seal"),
                                   certificate_purpose::assertion_signing, now)
                    .has_value());
        CHECK(signatures.verified_chains().size() == 3);
    }
    SECTION("outside the window the chain is judged again and fails") {
        const auto without_crl = store(store_kind::assertion_signatures, false);
        REQUIRE(verify_certificate(without_crl, seal, certificate_purpose::assertion_signing, now)
                    .has_value());
        REQUIRE(without_crl.verified_chains().size() == 1);
        CHECK(verify_certificate(without_crl, seal, certificate_purpose::assertion_signing,
                                 std::chrono::sys_days{std::chrono::year{2045} / 6 / 1})
                  .error()
                  .code == errc::certificate_expired);
        CHECK(verify_certificate(without_crl, seal, certificate_purpose::assertion_signing,
                                 std::chrono::sys_days{std::chrono::year{2020} / 6 / 1})
                  .error()
                  .code == errc::certificate_not_yet_valid);
    }
    SECTION("the window ends when the CRL goes stale, even though the certificates are valid") {
        // A CRL from the dev CA that is current for two hours only.
        const auto short_lived = trust_store::from_pem(store_kind::assertion_signatures,
                                                       testing::read_file(pki / "ca.pem"),
                                                       crl_valid_for(std::chrono::hours(1)))
                                     .value();
        REQUIRE(verify_certificate(short_lived, seal, certificate_purpose::assertion_signing, now)
                    .has_value());
        REQUIRE(short_lived.verified_chains().size() == 1);
        const auto e = verify_certificate(short_lived, seal, certificate_purpose::assertion_signing,
                                          now + std::chrono::hours(2))
                           .error();
        CHECK(e.code == errc::certificate_untrusted);
        CHECK(e.message.find("revocation cannot be established") == 0);
    }
    SECTION("another store does not share the verdict") {
        const auto other = store(store_kind::assertion_signatures);
        CHECK(other.verified_chains().size() == 0);
    }
}

TEST_CASE("failures are never remembered, and a verdict for one purpose is not another's") {
    const auto signatures = store(store_kind::assertion_signatures);
    for (int i = 0; i < 2; ++i) {
        CHECK(verify_certificate(signatures, leaf("seal-revoked"),
                                 certificate_purpose::assertion_signing, now)
                  .error()
                  .code == errc::certificate_revoked);
        CHECK(verify_certificate(signatures, leaf("seal-untrusted"),
                                 certificate_purpose::assertion_signing, now)
                  .error()
                  .code == errc::certificate_untrusted);
    }
    CHECK(signatures.verified_chains().size() == 0);

    const auto tls = store(store_kind::partner_tls);
    // serverAuth only: good for a TLS server, wrong for a TLS client, from the same store.
    REQUIRE(verify_certificate(tls, leaf("seal-wrong-usage"), certificate_purpose::tls_server, now)
                .has_value());
    CHECK(tls.verified_chains().size() == 1);
    CHECK(verify_certificate(tls, leaf("seal-wrong-usage"), certificate_purpose::tls_client, now)
              .error()
              .code == errc::certificate_wrong_usage);
    CHECK(tls.verified_chains().size() == 1);
}
