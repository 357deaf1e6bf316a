#include "samples/foreign-ncp/foreign_requests.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>

#include "tests/support/test_files.hpp"
#include "trust/saml/parse_unverified_assertion.hpp"
#include "trust/saml/security_header.hpp"
#include "trust/xml/document.hpp"

namespace fncp = ncpeh::samples::foreign_ncp;
namespace saml = ncpeh::trust::saml;
using namespace std::chrono_literals;

namespace {

const fncp::sources& sources() {
    static const fncp::sources dirs{ncpeh::testing::source_dir() / "samples/pki/generated",
                                    ncpeh::testing::request_bodies_dir()};
    return dirs;
}

/// The assertions of `security_header(claims)`, read back in document order.
std::vector<saml::assertion> assertions_of(const fncp::caller_claims& claims) {
    const std::string envelope = fncp::soap_envelope(
        "urn:example:action", fncp::security_header(sources(), claims), "<x xmlns=\"urn:x\"/>");
    auto doc = ncpeh::trust::xml::parse_document(envelope);
    REQUIRE(doc.has_value());
    auto nodes = saml::find_header_assertions(*doc);
    REQUIRE(nodes.has_value());
    std::vector<saml::assertion> out;
    for (const auto* node : *nodes) {
        auto parsed = saml::parse_unverified_assertion(*node);
        REQUIRE(parsed.has_value());
        out.push_back(std::move(*parsed));
    }
    return out;
}

std::chrono::milliseconds lifetime(const saml::assertion& a) {
    REQUIRE(a.issue_instant.has_value());
    REQUIRE(a.not_on_or_after.has_value());
    return *a.not_on_or_after - *a.issue_instant;
}

}  // namespace

TEST_CASE("security_header: assertions live for the issuer's default unless a validity is given",
          "[foreign-ncp]") {
    fncp::caller_claims claims;
    claims.trc_patient = fncp::personnummer_cx("191212121212");

    SECTION("default: HCP 4 h, TRC 2 h") {
        const auto assertions = assertions_of(claims);
        REQUIRE(assertions.size() == 2);
        CHECK(assertions[0].kind == saml::assertion_kind::hcp);
        CHECK(lifetime(assertions[0]) == 4h);
        CHECK(assertions[1].kind == saml::assertion_kind::trc);
        CHECK(lifetime(assertions[1]) == 2h);
    }
    SECTION("--assertion-validity 120: both for two minutes") {
        claims.validity = 120s;
        const auto assertions = assertions_of(claims);
        REQUIRE(assertions.size() == 2);
        CHECK(lifetime(assertions[0]) == 120s);
        CHECK(lifetime(assertions[1]) == 120s);
        CHECK(assertions[0].id != assertions[1].id);
    }
    SECTION("two headers never share an assertion id (the gateway refuses a replay)") {
        claims.validity = 60s;
        const auto first = assertions_of(claims);
        const auto second = assertions_of(claims);
        REQUIRE(first.size() == 2);
        REQUIRE(second.size() == 2);
        CHECK(first[0].id != second[0].id);
        CHECK(first[1].id != second[1].id);
    }
    SECTION("a validity beyond the TRC's 2 h is refused by the issuer: no header") {
        claims.validity = 3h;
        CHECK_THROWS(fncp::security_header(sources(), claims));
    }
    SECTION("an unknown seal credential: no header") {
        claims.seal = "no-such-seal";
        CHECK_THROWS_AS(fncp::security_header(sources(), claims), std::runtime_error);
    }
}
