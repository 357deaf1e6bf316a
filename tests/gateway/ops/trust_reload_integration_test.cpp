// Certificate rotation without a restart: a real `ncpeh serve` with a copy of the dev PKI whose
// files the tests replace, then SIGHUP.
#include <catch2/catch.hpp>

#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>

#include <openssl/ssl.h>
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"
#include "trust/x509/fingerprint.hpp"

namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;
using namespace ncpeh::testing;

fs::path dev_pki() {
    return source_dir() / "samples/pki/generated";
}

/// The gateway and the national store, with a copy of the dev PKI the tests may change.
struct rotation_fixture {
    temp_dir dir;
    fs::path pki = dir.path() / "pki";
    national_store_process store;
    gateway_process gateway;

    rotation_fixture() {
        fs::copy(dev_pki(), pki, fs::copy_options::recursive);
        store = start_national_store(dir);
        gateway = start_gateway(dir, {.store_url = store.fhir_url(), .pki = pki});
    }

    /// Puts the dev PKI's `from` in place of `name` the way operators should: a new file
    /// renamed over the old one.
    void replace(const std::string& name, const std::string& from) const {
        fs::copy_file(dev_pki() / from, pki / (name + ".new"),
                      fs::copy_options::overwrite_existing);
        fs::rename(pki / (name + ".new"), pki / name);
    }

    /// Sends SIGHUP and waits for the `count`-th log line of `event`.
    bool reload(const std::string& event, std::size_t count) const {
        REQUIRE(::kill(gateway.process->pid(), SIGHUP) == 0);
        const std::string needle = "\"event\":\"" + event + "\"";
        for (int i = 0; i < 1000; ++i) {
            if (occurrences(gateway.process->log(), needle) >= count) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

    static std::size_t occurrences(const std::string& text, const std::string& needle) {
        std::size_t n = 0;
        for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
            ++n;
        }
        return n;
    }

    std::string metrics() const {
        const auto [status, body] = plain_http(gateway.ops_port, http::verb::get, "/metrics");
        REQUIRE(status == 200);
        return body;
    }
};

/// The fingerprint of the certificate the server presented on `client`'s connection.
std::string server_sha256(tls_client& client) {
    X509* cert = SSL_get0_peer_certificate(client.stream().native_handle());
    REQUIRE(cert != nullptr);
    return ncpeh::trust::x509::sha256_fingerprint(*cert);
}

std::string sha256_of(const std::string& name) {
    return ncpeh::trust::x509::sha256_fingerprint_of_file(dev_pki() / name).value();
}

/// A request that gets a SOAP fault from any listener state: proof that the connection works.
unsigned unknown_action(tls_client& client) {
    return client
        .post(
            "/ncp", "application/soap+xml",
            R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header><a:Action>urn:example:nothing</a:Action><a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID></s:Header><s:Body><x xmlns="urn:x"/></s:Body></s:Envelope>)")
        .result_int();
}

}  // namespace

TEST_CASE(
    "SIGHUP puts a rotated TLS server certificate in force for new connections; open ones keep "
    "theirs",
    "[trust-reload]") {
    rotation_fixture f;
    tls_client kept_alive(f.gateway.port, "fi-tls");
    REQUIRE(unknown_action(kept_alive) == 400);
    CHECK(server_sha256(kept_alive) == sha256_of("se-tls.pem"));

    f.replace("se-tls.pem", "se-tls-next.pem");
    f.replace("se-tls.key", "se-tls-next.key");
    REQUIRE(f.reload("trust.reloaded", 1));
    CHECK(contains(f.gateway.process->log(),
                   "\"tls_server_sha256\":\"" + sha256_of("se-tls-next.pem") + "\""));

    // New connections, on the cross-border and the national listener, see the new certificate.
    tls_client fresh(f.gateway.port, "fi-tls");
    CHECK(server_sha256(fresh) == sha256_of("se-tls-next.pem"));
    CHECK(unknown_action(fresh) == 400);
    tls_client pharmacy(f.gateway.national_port, "pharmacy-system");
    CHECK(server_sha256(pharmacy) == sha256_of("se-tls-next.pem"));
    CHECK(identifies_tolvan(f.gateway.port));
    // The connection opened before goes on with the certificate it started with.
    CHECK(unknown_action(kept_alive) == 400);
    CHECK(server_sha256(kept_alive) == sha256_of("se-tls.pem"));

    const std::string metrics = f.metrics();
    CHECK(contains(metrics, "ncpeh_trust_reloads_total{outcome=\"ok\"} 1\n"));
    CHECK(contains(metrics, "ncpeh_trust_reloads_total{outcome=\"refused\"} 0\n"));
    CHECK(contains(metrics, "ncpeh_trust_material_loaded_timestamp_seconds "));
    const auto [ready, readiness] = plain_http(f.gateway.ops_port, http::verb::get, "/readyz");
    INFO(readiness);
    CHECK(ready == 200);
    CHECK(f.gateway.process->is_running());
}

TEST_CASE(
    "A broken replacement is refused on SIGHUP: the log says why, the metric counts it, the old "
    "certificate stays in force",
    "[trust-reload]") {
    rotation_fixture f;
    SECTION("a private key that does not parse") {
        f.dir.write("pki/se-tls.key.new", "-----BEGIN PRIVATE KEY-----\nnot a key\n");
        fs::rename(f.pki / "se-tls.key.new", f.pki / "se-tls.key");
        REQUIRE(f.reload("trust.reload_refused", 1));
        CHECK(contains(f.gateway.process->log(), "ncp listener: cannot load private key"));
    }
    SECTION("the next certificate without its key") {
        f.replace("se-tls.pem", "se-tls-next.pem");
        REQUIRE(f.reload("trust.reload_refused", 1));
        CHECK(contains(f.gateway.process->log(), "ncp listener: cannot load private key"));
    }
    SECTION("an expired certificate with its key") {
        f.replace("se-tls.pem", "fi-tls-expired.pem");
        f.replace("se-tls.key", "fi-tls-expired.key");
        REQUIRE(f.reload("trust.reload_refused", 1));
        CHECK(contains(f.gateway.process->log(), "tls_server certificate: expired"));
    }
    SECTION("a missing CRL") {
        fs::remove(f.pki / "ca.crl.pem");
        REQUIRE(f.reload("trust.reload_refused", 1));
        CHECK(contains(f.gateway.process->log(), "cannot read CRL"));
    }
    // Nothing of a key reaches the log.
    CHECK_FALSE(contains(f.gateway.process->log(), "PRIVATE KEY"));
    CHECK_FALSE(contains(f.gateway.process->log(), "not a key"));
    CHECK_FALSE(contains(f.gateway.process->log(), "\"event\":\"trust.reloaded\""));

    tls_client fresh(f.gateway.port, "fi-tls");
    CHECK(server_sha256(fresh) == sha256_of("se-tls.pem"));
    CHECK(identifies_tolvan(f.gateway.port));
    const std::string metrics = f.metrics();
    CHECK(contains(metrics, "ncpeh_trust_reloads_total{outcome=\"refused\"} 1\n"));
    CHECK(contains(metrics, "ncpeh_trust_reloads_total{outcome=\"ok\"} 0\n"));
    CHECK(f.gateway.process->is_running());
}

TEST_CASE("Certificate rotation under load loses no request", "[trust-reload]") {
    rotation_fixture f;
    std::atomic<bool> stop{false};
    std::atomic<unsigned> identified{0};
    std::atomic<unsigned> kept_alive_answers{0};
    std::atomic<unsigned> failures{0};
    // A new connection (new handshake) per request: XCPD for the seed patient, end to end.
    std::thread fresh_connections([&] {
        while (!stop) {
            try {
                if (identifies_tolvan(f.gateway.port)) {
                    ++identified;
                } else {
                    ++failures;
                }
            } catch (const std::exception&) {
                ++failures;
            }
        }
    });
    // One kept-alive connection the whole time.
    std::thread one_connection([&] {
        try {
            tls_client client(f.gateway.port, "fi-tls");
            while (!stop) {
                if (unknown_action(client) == 400) {
                    ++kept_alive_answers;
                } else {
                    ++failures;
                }
            }
        } catch (const std::exception&) {
            ++failures;
        }
    });

    constexpr int rotations = 6;
    for (int i = 1; i <= rotations; ++i) {
        // Each rotation happens while requests are being answered.
        const unsigned seen = identified.load();
        for (int wait = 0; wait < 1000 && identified.load() < seen + 2 && failures == 0; ++wait) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        const std::string next = i % 2 == 1 ? "se-tls-next" : "se-tls";
        f.replace("se-tls.pem", next + ".pem");
        f.replace("se-tls.key", next + ".key");
        REQUIRE(f.reload("trust.reloaded", static_cast<std::size_t>(i)));
    }
    const unsigned seen = identified.load();
    for (int wait = 0; wait < 1000 && identified.load() < seen + 2 && failures == 0; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop = true;
    fresh_connections.join();
    one_connection.join();

    CHECK(failures == 0);
    CHECK(identified >= 2 * rotations);
    CHECK(kept_alive_answers > 0);
    CHECK(contains(f.metrics(), "ncpeh_trust_reloads_total{outcome=\"ok\"} 6\n"));
    CHECK_FALSE(contains(f.gateway.process->log(), "trust.reload_refused"));
    // After an even number of rotations the first certificate is in force again.
    tls_client fresh(f.gateway.port, "fi-tls");
    CHECK(server_sha256(fresh) == sha256_of("se-tls.pem"));
}

TEST_CASE("After a reload /readyz and the expiry metric describe the material in force",
          "[trust-reload]") {
    rotation_fixture f;
    const auto ready = [&f] { return plain_http(f.gateway.ops_port, http::verb::get, "/readyz"); };
    REQUIRE(ready().first == 200);
    // A CRL whose nextUpdate passed long ago: it parses and its signature is the CA's, so it is
    // put in force, and it fails closed.
    const auto stale =
        run_command({"/bin/sh", "-c",
                     "cd '" + f.pki.string() +
                         "' && openssl ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem "
                         "-crl_lastupdate 20200101000000Z -crl_nextupdate 20200201000000Z "
                         "-out ca.crl.pem.new 2>&1 && mv ca.crl.pem.new ca.crl.pem"});
    REQUIRE(stale.exit_code == 0);
    REQUIRE(f.reload("trust.reloaded", 1));
    const auto [stale_status, stale_readiness] = ready();
    INFO(stale_readiness);
    CHECK(stale_status == 503);
    CHECK(contains(stale_readiness, "its nextUpdate 2020-02-01T00:00:00Z has passed"));
    CHECK(contains(f.metrics(),
                   "ncpeh_trust_expiry_seconds{kind=\"crl\",purpose=\"crls\","
                   "subject=\"CN=ncpeh dev eHDSI test CA,O=ncpeh development,C=SE\","
                   "not_after=\"2020-02-01\"} -"));
    CHECK_FALSE(gets_a_response(f.gateway.port, "fi-tls"));

    // The CA's current CRL again.
    const auto fresh = run_command({"/bin/sh", "-c",
                                    "cd '" + f.pki.string() +
                                        "' && openssl ca -config ca.cnf -gencrl -keyfile ca.key "
                                        "-cert ca.pem -out ca.crl.pem.new 2>&1 && "
                                        "mv ca.crl.pem.new ca.crl.pem"});
    REQUIRE(fresh.exit_code == 0);
    REQUIRE(f.reload("trust.reloaded", 2));
    const auto [fresh_status, fresh_readiness] = ready();
    INFO(fresh_readiness);
    CHECK(fresh_status == 200);
    CHECK_FALSE(contains(f.metrics(), "not_after=\"2020-02-01\""));
    CHECK(identifies_tolvan(f.gateway.port));
}
