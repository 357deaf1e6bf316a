#include "trust/x509/validity.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"

namespace x509 = ncpeh::trust::x509;
using namespace std::chrono;

namespace {
const auto pki = ncpeh::testing::source_dir() / "samples/pki/generated";
}

TEST_CASE("certificate windows: subject and validity of every certificate in a PEM file") {
    const auto ca = x509::certificate_windows(pki / "ca.pem");
    REQUIRE(ca.has_value());
    REQUIRE(ca->size() == 1);
    CHECK(ca->front().subject == "CN=ncpeh dev eHDSI test CA,O=ncpeh development,C=SE");
    // generate-dev-pki gives the CA ten years from the moment it ran.
    CHECK(ca->front().not_after - ca->front().not_before == days(3650));
    CHECK(ca->front().not_before <= floor<seconds>(system_clock::now()));

    const auto expired = x509::certificate_windows(pki / "seal-expired.pem");
    REQUIRE(expired.has_value());
    CHECK(expired->front().not_after < floor<seconds>(system_clock::now()));
}

TEST_CASE("CRL windows: the issuer, thisUpdate and nextUpdate") {
    const auto crls = x509::crl_windows(pki / "ca.crl.pem");
    REQUIRE(crls.has_value());
    REQUIRE(crls->size() == 1);
    CHECK(crls->front().subject == "CN=ncpeh dev eHDSI test CA,O=ncpeh development,C=SE");
    CHECK(crls->front().not_before < crls->front().not_after);
}

TEST_CASE("validity windows of files without the material are errors") {
    ncpeh::testing::temp_dir dir;
    const auto empty = dir.write("empty.pem", "not a PEM file\n");
    CHECK_FALSE(x509::certificate_windows(empty).has_value());
    CHECK_FALSE(x509::crl_windows(empty).has_value());
    CHECK_FALSE(x509::crl_windows(pki / "ca.pem").has_value());  // certificates, no CRL
    CHECK_FALSE(x509::certificate_windows(dir.path() / "missing.pem").has_value());
}
