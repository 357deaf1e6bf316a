// The trust material's reload: a good replacement is put in force, a broken one is refused with
// its reason and the material in force stays.
#include <catch2/catch.hpp>

#include <openssl/ssl.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "config/load_configuration.hpp"
#include "gateway/ops/metrics.hpp"
#include "gateway/ops/trust_material.hpp"
#include "gateway/ops/trust_reload.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"
#include "trust/x509/fingerprint.hpp"

namespace {

namespace fs = std::filesystem;
using namespace ncpeh;
using namespace ncpeh::gateway::ops;
using ncpeh::testing::contains;

const std::chrono::sys_seconds now =
    std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

/// A copy of the dev PKI and the example configuration naming it, loaded.
struct reload_fixture {
    testing::temp_dir dir;
    fs::path pki = dir.path() / "pki";
    config::configuration config;
    metrics_registry registry;
    std::optional<trust_reloader> reloader;

    reload_fixture() {
        fs::copy(testing::source_dir() / "samples/pki/generated", pki, fs::copy_options::recursive);
        testing::gateway_options options;
        options.store_url = "http://127.0.0.1:1/fhir";
        options.pki = pki;
        const auto file = dir.write("ncpeh.toml", testing::gateway_configuration(dir, options));
        auto loaded = config::load_configuration(file, config::process_environment());
        REQUIRE(loaded.is_usable());
        config = std::move(loaded.value);
        auto material = load_trust_material(config);
        REQUIRE(material.has_value());
        reloader.emplace(config, *material, registry);
    }

    /// Replaces `name` in the PKI copy by the dev PKI's `from` (as an operator would).
    void replace(const std::string& name, const std::string& from) const {
        fs::copy_file(testing::source_dir() / "samples/pki/generated" / from, pki / name,
                      fs::copy_options::overwrite_existing);
    }
    void write(const std::string& name, const std::string& text) const {
        fs::remove(pki / name);
        dir.write("pki/" + name, text);
    }

    std::string metrics() const { return registry.write(); }
};

std::string presented_sha256(const trust_material& material) {
    X509* cert = SSL_CTX_get0_certificate(material.ncp_tls->native_handle());
    REQUIRE(cert != nullptr);
    return trust::x509::sha256_fingerprint(*cert);
}

std::string file_sha256(const std::string& name) {
    return trust::x509::sha256_fingerprint_of_file(testing::source_dir() / "samples/pki/generated" /
                                                   name)
        .value();
}

}  // namespace

TEST_CASE("A valid replacement of the TLS server credential is put in force", "[trust-reload]") {
    reload_fixture f;
    const auto before = f.reloader->current();
    const auto anchors_before = f.reloader->assertion_anchors().current();
    CHECK(presented_sha256(*before) == file_sha256("se-tls.pem"));
    CHECK(f.reloader->generation() == 1);
    CHECK_FALSE(f.reloader->files_changed());

    f.replace("se-tls.pem", "se-tls-next.pem");
    f.replace("se-tls.key", "se-tls-next.key");
    CHECK(f.reloader->files_changed());
    const auto reloaded = f.reloader->reload("sighup", now);
    REQUIRE(reloaded.has_value());

    const auto after = f.reloader->current();
    CHECK(after != before);
    CHECK(presented_sha256(*after) == file_sha256("se-tls-next.pem"));
    CHECK(f.reloader->generation() == 2);
    CHECK_FALSE(f.reloader->files_changed());
    // Every part is of the new generation; what started with the old one keeps it.
    CHECK(f.reloader->assertion_anchors().current() == after->assertion_anchors);
    CHECK(f.reloader->assertion_anchors().current() != anchors_before);
    CHECK(f.reloader->seal().current() == after->seal);
    CHECK(presented_sha256(*before) == file_sha256("se-tls.pem"));
    // The sources of the listeners and of readiness give the new generation.
    CHECK(f.reloader->tls_source(&trust_material::ncp_tls)().get() == after->ncp_tls.get());
    CHECK(f.reloader->tls_source(&trust_material::national_tls)().get() ==
          after->national_tls.get());
    CHECK(f.reloader->inventory_source()().get() == after->inventory.get());
    CHECK(contains(f.metrics(), "ncpeh_trust_reloads_total{outcome=\"ok\"} 1\n"));
    CHECK(contains(f.metrics(), "ncpeh_trust_reloads_total{outcome=\"refused\"} 0\n"));
    CHECK(contains(f.metrics(), "ncpeh_trust_material_loaded_timestamp_seconds "));
}

TEST_CASE("A broken replacement is refused with its reason and the material in force stays",
          "[trust-reload]") {
    reload_fixture f;
    const auto before = f.reloader->current();
    const auto seal_before = f.reloader->seal().current();

    struct breakage {
        std::string what;
        std::function<void(const reload_fixture&)> apply;
        std::string reason;
    };
    const breakage breakages[] = {
        {"a private key of another certificate",
         [](const reload_fixture& fx) { fx.replace("se-tls.key", "fi-tls.key"); },
         "ncp listener: cannot load private key"},
        {"an expired TLS server certificate with its key",
         [](const reload_fixture& fx) {
             fx.replace("se-tls.pem", "fi-tls-expired.pem");
             fx.replace("se-tls.key", "fi-tls-expired.key");
         },
         "tls_server certificate: expired 2021-01-01T00:00:00Z"},
        {"an unparsable certificate",
         [](const reload_fixture& fx) { fx.write("se-tls.pem", "-----BEGIN CERTIFICATE-----\n"); },
         "ncp listener: cannot load certificate"},
        {"a missing anchors file",
         [](const reload_fixture& fx) { fs::remove(fx.pki / "trust-partner-tls.pem"); },
         "ncp listener: cannot load trust anchors"},
        {"an unparsable CRL",
         [](const reload_fixture& fx) { fx.write("ca.crl.pem", "not a CRL\n"); },
         "ncp listener: cannot load CRL"},
        {"a seal key of another seal",
         [](const reload_fixture& fx) { fx.replace("se-seal.key", "fi-seal.key"); }, "seal: "},
        {"an expired seal",
         [](const reload_fixture& fx) {
             fx.replace("se-seal.pem", "seal-expired.pem");
             fx.replace("se-seal.key", "seal-expired.key");
         },
         "seal certificate: expired 2021-01-01T00:00:00Z"},
    };
    for (const breakage& b : breakages) {
        SECTION(b.what) {
            b.apply(f);
            REQUIRE(f.reloader->files_changed());
            const auto reloaded = f.reloader->reload("file_change", now);
            REQUIRE_FALSE(reloaded.has_value());
            INFO(reloaded.error().describe());
            CHECK(contains(reloaded.error().describe(), b.reason));
            CHECK(f.reloader->current() == before);
            CHECK(f.reloader->seal().current() == seal_before);
            CHECK(f.reloader->generation() == 1);
            CHECK(contains(f.metrics(), "ncpeh_trust_reloads_total{outcome=\"refused\"} 1\n"));
            CHECK(contains(f.metrics(), "ncpeh_trust_reloads_total{outcome=\"ok\"} 0\n"));
            // Refused once: not tried again until the files change again.
            CHECK_FALSE(f.reloader->files_changed());
        }
    }
}

TEST_CASE("A CRL that no trust anchor signed is refused, at start and on reload",
          "[trust-reload]") {
    reload_fixture f;
    const auto before = f.reloader->current();
    // The rogue CA has the dev CA's name but not its key: only the signature tells them apart.
    const auto made = testing::run_command(
        {"/bin/sh", "-c",
         "cd '" + f.pki.string() +
             "' && openssl ca -config ca.cnf -gencrl -keyfile rogue-ca.key -cert rogue-ca.pem "
             "-out rogue.crl.pem 2>&1 && cp rogue.crl.pem ca.crl.pem"});
    REQUIRE(made.exit_code == 0);

    const auto reloaded = f.reloader->reload("sighup", now);
    REQUIRE_FALSE(reloaded.has_value());
    CHECK(contains(reloaded.error().describe(),
                   "crls: the CRL is not signed by any of the trust anchors"));
    CHECK(contains(reloaded.error().describe(), "ncpeh dev eHDSI test CA"));
    CHECK(f.reloader->current() == before);
    CHECK_FALSE(load_trust_material(f.config).has_value());
}

TEST_CASE("Changed trust files are noticed: rewritten, renamed over, removed, restored",
          "[trust-reload]") {
    reload_fixture f;
    CHECK_FALSE(f.reloader->files_changed());
    SECTION("a file renamed over another (the atomic replacement)") {
        f.dir.write("pki/next.pem", testing::read_file(f.pki / "se-seal.pem"));
        fs::rename(f.pki / "next.pem", f.pki / "se-seal.pem");
        CHECK(f.reloader->files_changed());
    }
    SECTION("a file removed, then a reload refused, then the file back") {
        const std::string kept = testing::read_file(f.pki / "trust-pharmacy-tls.pem");
        fs::remove(f.pki / "trust-pharmacy-tls.pem");
        CHECK(f.reloader->files_changed());
        CHECK_FALSE(f.reloader->reload("file_change", now).has_value());
        CHECK_FALSE(f.reloader->files_changed());
        f.dir.write("pki/trust-pharmacy-tls.pem", kept);
        CHECK(f.reloader->files_changed());
        CHECK(f.reloader->reload("file_change", now).has_value());
        CHECK(f.reloader->generation() == 2);
    }
    SECTION("a file rewritten") {
        f.write("ca.crl.pem", testing::read_file(f.pki / "ca.crl.pem") + "\n");
        CHECK(f.reloader->files_changed());
    }
}

TEST_CASE("A credential outside its validity is what a reload refuses; anchors and CRLs are not",
          "[trust-reload]") {
    reload_fixture f;
    const auto material = f.reloader->current();
    CHECK(check_in_force(*material, now).has_value());
    // In 2019 the dev credentials were not valid yet.
    const auto in_2019 = std::chrono::sys_days(std::chrono::year{2019} / 1 / 1);
    const auto early = check_in_force(*material, std::chrono::sys_seconds(in_2019));
    REQUIRE_FALSE(early.has_value());
    CHECK(early.error().code == errc::config_invalid);
    CHECK(contains(early.error().message, "tls_server certificate: not valid before"));
}
