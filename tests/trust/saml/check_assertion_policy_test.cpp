// Every eHDSI assertion rule, each broken on its own, with the code OpenNCP peers expect. The
// base is an HCP/TRC pair that the test issues and signs with the dev PKI (read unverified), so
// the rules are tested on the repository alone; the real DK pair of ../shared is read into the
// same model and passes the same rules.
#include "trust/saml/check_assertion_policy.hpp"

#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/swedish_pharmacist.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/issue_assertion.hpp"
#include "trust/saml/parse_unverified_assertion.hpp"
#include "trust/saml/saml_names.hpp"
#include "trust/saml/security_header.hpp"
#include "trust/xml/document.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::trust;

struct assertion_pair {
    saml::assertion hcp;
    saml::assertion trc;
};

/// When our pair is issued; every check below runs half an hour later unless it says otherwise.
constexpr std::string_view issued_at = "2026-11-23T10:00:00Z";
constexpr std::string_view checked_at = "2026-11-23T10:30:00Z";

saml::assertion read_unverified(const std::string& assertion_xml) {
    const auto doc = xml::parse_document(assertion_xml).value();
    return saml::parse_unverified_assertion(doc.root()).value();
}

/// A Swedish pharmacist's HCP assertion and a TRC for 191212121212, signed with the dev PKI's SE
/// seal.
assertion_pair own() {
    static const assertion_pair pair = [] {
        const auto pki = testing::source_dir() / "samples/pki/generated";
        const auto seal =
            xmldsig::signing_credential::load(pki / "se-seal.pem", pki / "se-seal.key").value();
        const auto at = xml::parse_date_time(issued_at).value();
        const auto [hcp, trc] = testing::make_swedish_pharmacist_claims(
            "_0c1e5a3b-0000-4000-8000-00000000hcp1", "_0c1e5a3b-0000-4000-8000-00000000trc1", at);
        return assertion_pair{read_unverified(saml::issue_hcp_assertion(hcp, seal).value()),
                              read_unverified(saml::issue_trc_assertion(trc, seal).value())};
    }();
    return pair;
}

saml::policy_context ctx_at(saml::transaction tx, xml::instant at) {
    return saml::policy_context{tx, at, std::nullopt};
}

saml::policy_context ctx(saml::transaction tx = saml::transaction::xca_list,
                         std::string_view at = checked_at) {
    return ctx_at(tx, xml::parse_date_time(at).value());
}

errc hcp_code(const saml::assertion& hcp, saml::transaction tx = saml::transaction::xca_list) {
    const auto checked = saml::check_hcp_policy(hcp, ctx(tx));
    REQUIRE_FALSE(checked.has_value());
    return checked.error().code;
}

errc trc_code(const saml::assertion& trc) {
    const auto checked = saml::check_trc_policy(trc, own().hcp, ctx());
    REQUIRE_FALSE(checked.has_value());
    return checked.error().code;
}

std::string permission(std::string_view code) {
    return std::string(saml::permission_prefix) + std::string(code);
}

}  // namespace

TEST_CASE("our own assertions are read into the typed model and pass every rule") {
    const auto [hcp, trc] = own();
    CHECK(hcp.kind == saml::assertion_kind::hcp);
    CHECK(hcp.issuer == "urn:idp:SE:countryB");
    CHECK(hcp.role->code == "2262");
    CHECK(hcp.facility_type == "Pharmacy");
    CHECK(hcp.purpose_of_use->code == "TREATMENT");
    CHECK(hcp.permissions.size() == 4);
    CHECK(hcp.organization_id == "urn:oid:2.999.752.1.3.1");
    CHECK(xml::format_date_time(*hcp.not_on_or_after) == "2026-11-23T14:00:00.000Z");
    CHECK(trc.kind == saml::assertion_kind::trc);
    CHECK(trc.advice_assertion_ids == std::vector<std::string>{hcp.id});
    CHECK(trc.authn_context_class == saml::previous_session);
    for (const auto tx :
         {saml::transaction::xcpd, saml::transaction::xca_list, saml::transaction::xca_retrieve,
          saml::transaction::xdr_dispense, saml::transaction::xdr_discard}) {
        CHECK(saml::check_hcp_policy(hcp, ctx(tx)).has_value());
    }
    CHECK(saml::check_trc_policy(trc, hcp, ctx()).has_value());
}

TEST_CASE("the DK assertions are read into the typed model") {
    if (testing::skip_without_peer_samples()) {
        return;
    }
    auto doc = xml::parse_document(testing::read_file(testing::peer_samples_dir() /
                                                      "soap/dk-xca-query-header.signed.xml"))
                   .value();
    const auto nodes = saml::find_header_assertions(doc).value();
    const auto hcp = saml::parse_unverified_assertion(*nodes[0]).value();
    const auto trc = saml::parse_unverified_assertion(*nodes[1]).value();
    const auto at = ctx(saml::transaction::xca_list, "2025-07-26T12:00:00Z");
    CHECK(hcp.kind == saml::assertion_kind::hcp);
    CHECK(hcp.issuer == "urn:idp:DK:countryB");
    CHECK(hcp.name_id_format == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    CHECK(hcp.role->code == "221");
    CHECK(hcp.role->display_name == "Medical Doctors");
    CHECK(hcp.facility_type == "Resident Physician");
    CHECK(hcp.purpose_of_use->code == "TREATMENT");
    CHECK(hcp.permissions.size() == 9);
    CHECK(hcp.organization_id == "urn:hl7ii:1.2.3.4:ABCD");
    CHECK(xml::format_date_time(*hcp.not_on_or_after) == "2025-07-26T15:35:51.101Z");
    CHECK(trc.kind == saml::assertion_kind::trc);
    CHECK(trc.advice_assertion_ids == std::vector<std::string>{hcp.id});
    CHECK(trc.authn_context_class == saml::previous_session);
    CHECK(saml::check_hcp_policy(hcp, at).has_value());
    CHECK(saml::check_trc_policy(trc, hcp, at).has_value());
}

TEST_CASE("HCP required fields") {
    auto drop = [](auto field) {
        saml::assertion hcp = own().hcp;
        field(hcp);
        return hcp_code(hcp);
    };
    CHECK(drop([](auto& a) { a.version.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.id.clear(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.issue_instant.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.issuer = " "; }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.name_id.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.name_id_format.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.confirmation_method.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.not_before.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.not_on_or_after.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.authn_instant.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.authn_context_class.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.has_signature = false; }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.version = "1.1"; }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.subject_id.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.locality = ""; }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.role.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.facility_type.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(drop([](auto& a) { a.purpose_of_use.reset(); }) == errc::hcp_assertion_invalid);
    CHECK(ehdsi_code(errc::hcp_assertion_invalid) == "ERROR_HPI_GENERIC");
}

TEST_CASE("time rules: ±60 s skew and the 4 h / 2 h maximum spans") {
    auto hcp = own().hcp;
    const auto start = *hcp.not_before;
    const auto end = *hcp.not_on_or_after;
    const auto list = saml::transaction::xca_list;
    SECTION("61 s before NotBefore fails, 59 s before passes") {
        CHECK_FALSE(saml::check_hcp_policy(hcp, ctx_at(list, start - std::chrono::seconds{61})));
        CHECK(saml::check_hcp_policy(hcp, ctx_at(list, start - std::chrono::seconds{59})));
    }
    SECTION("59 s after NotOnOrAfter passes, 61 s after fails") {
        CHECK(saml::check_hcp_policy(hcp, ctx_at(list, end + std::chrono::seconds{59})));
        CHECK_FALSE(saml::check_hcp_policy(hcp, ctx_at(list, end + std::chrono::seconds{61})));
    }
    SECTION("HCP span over 4 h") {
        hcp.not_on_or_after = start + std::chrono::hours{4} + std::chrono::seconds{1};
        CHECK(hcp_code(hcp) == errc::hcp_assertion_invalid);
    }
    SECTION("NotOnOrAfter not after NotBefore") {
        hcp.not_on_or_after = start;
        CHECK(hcp_code(hcp) == errc::hcp_assertion_invalid);
    }
    SECTION("TRC span over 2 h") {
        auto trc = own().trc;
        trc.not_on_or_after = *trc.not_before + std::chrono::hours{2} + std::chrono::seconds{1};
        CHECK(trc_code(trc) == errc::assertion_not_valid);
        CHECK(ehdsi_code(errc::assertion_not_valid) == "1001");
    }
}

TEST_CASE("HCP authentication must be two-factor") {
    auto hcp = own().hcp;
    for (const char* weak : {"Smartcard", "Password", "PreviousSession"}) {
        hcp.authn_context_class = std::string(saml::authn_class_prefix) + weak;
        CHECK(hcp_code(hcp) == errc::hcp_assertion_invalid);
    }
    for (const char* strong : {"X509", "SmartcardPKI", "MobileTwoFactorContract", "TLSClient"}) {
        hcp.authn_context_class = std::string(saml::authn_class_prefix) + strong;
        CHECK(saml::check_hcp_policy(hcp, ctx()).has_value());
    }
}

TEST_CASE("ISCO role, facility type and purpose of use") {
    auto hcp = own().hcp;
    SECTION("unknown or deprecated role") {
        hcp.role->code = "Licensed Health Care Providers";
        CHECK(hcp_code(hcp) == errc::hcp_assertion_invalid);
    }
    SECTION("XCPD also checks the role displayName, case-insensitively") {
        hcp.role->display_name = "pharmacists";
        CHECK(saml::check_hcp_policy(hcp, ctx(saml::transaction::xcpd)).has_value());
        hcp.role->display_name = "Medical Doctors";
        CHECK(hcp_code(hcp, saml::transaction::xcpd) == errc::hcp_assertion_invalid);
        CHECK(saml::check_hcp_policy(hcp, ctx(saml::transaction::xca_list)).has_value());
    }
    SECTION("facility type outside the enumeration") {
        hcp.facility_type = "Spa";
        CHECK(hcp_code(hcp) == errc::hcp_assertion_invalid);
        hcp.facility_type = "pharmacy";
        CHECK(saml::check_hcp_policy(hcp, ctx()).has_value());
    }
    SECTION("purpose of use other than TREATMENT/EMERGENCY is 4703") {
        hcp.purpose_of_use->code = "RESEARCH";
        CHECK(hcp_code(hcp) == errc::insufficient_rights);
        hcp.purpose_of_use->code = "EMERGENCY";
        CHECK(saml::check_hcp_policy(hcp, ctx()).has_value());
    }
}

TEST_CASE("permissions per transaction") {
    auto without = [](std::initializer_list<std::string_view> removed) {
        auto hcp = own().hcp;
        for (const auto code : removed) {
            std::erase(hcp.permissions, permission(code));
        }
        return hcp;
    };
    CHECK(hcp_code(without({"PRD-006"}), saml::transaction::xcpd) == errc::insufficient_rights);
    CHECK(hcp_code(without({"PRD-004"}), saml::transaction::xca_list) == errc::insufficient_rights);
    CHECK(hcp_code(without({"PRD-010"}), saml::transaction::xca_retrieve) ==
          errc::insufficient_rights);
    CHECK(hcp_code(without({"PPD-046"}), saml::transaction::xdr_dispense) ==
          errc::insufficient_rights);
    CHECK(hcp_code(without({"PPD-046"}), saml::transaction::xdr_discard) ==
          errc::insufficient_rights);
    // Only what the transaction needs: XCPD without PRD-004 is fine.
    CHECK(saml::check_hcp_policy(without({"PRD-004", "PPD-046"}), ctx(saml::transaction::xcpd)));
    // Exact text match: a trailing space is not the permission.
    auto padded = without({"PRD-006"});
    padded.permissions.push_back(permission("PRD-006") + " ");
    CHECK(hcp_code(padded, saml::transaction::xcpd) == errc::insufficient_rights);
    CHECK(ehdsi_code(errc::insufficient_rights) == "4703");
}

TEST_CASE("a discard needs the organization-id") {
    auto hcp = own().hcp;
    hcp.organization_id.reset();
    CHECK(saml::check_hcp_policy(hcp, ctx(saml::transaction::xdr_dispense)).has_value());
    CHECK(hcp_code(hcp, saml::transaction::xdr_discard) == errc::hcp_assertion_invalid);
}

TEST_CASE("TRC rules") {
    auto trc = own().trc;
    SECTION("sender-vouches") {
        trc.confirmation_method = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
        CHECK(trc_code(trc) == errc::assertion_not_valid);
    }
    SECTION("PreviousSession") {
        trc.authn_context_class = std::string(saml::authn_class_prefix) + "X509";
        CHECK(trc_code(trc) == errc::assertion_not_valid);
    }
    SECTION("Advice/AssertionIDRef required") {
        trc.advice_assertion_ids.clear();
        CHECK(trc_code(trc) == errc::assertion_not_valid);
    }
    SECTION("Advice must name the HCP") {
        trc.advice_assertion_ids = {"_another"};
        CHECK(trc_code(trc) == errc::trc_identity_mismatch);
        CHECK(ehdsi_code(errc::trc_identity_mismatch) == "4703");
    }
    SECTION("patient subject-id") {
        trc.subject_id = "  ";
        CHECK(trc_code(trc) == errc::assertion_not_valid);
    }
    SECTION("purpose of use: missing is 1001, wrong is 4703") {
        trc.purpose_of_use->code = "MARKETING";
        CHECK(trc_code(trc) == errc::insufficient_rights);
        trc.purpose_of_use.reset();
        CHECK(trc_code(trc) == errc::assertion_not_valid);
    }
    SECTION("required fields") {
        trc.has_signature = false;
        CHECK(trc_code(trc) == errc::assertion_not_valid);
    }
}

TEST_CASE("NoK rules and the signer country") {
    auto nok = own().trc;
    nok.kind = saml::assertion_kind::nok;
    CHECK(saml::check_nok_policy(nok, ctx()).has_value());
    CHECK(saml::check_nok_policy(nok, ctx_at(saml::transaction::xca_list,
                                             *nok.not_on_or_after + std::chrono::hours{1}))
              .error()
              .code == errc::assertion_not_valid);
    auto with_peer = ctx();
    CHECK(saml::check_signer_country("DK", with_peer).has_value());  // no TLS peer: not checked
    with_peer.tls_peer_country = "dk";
    CHECK(saml::check_signer_country("DK", with_peer).has_value());
    with_peer.tls_peer_country = "SE";
    CHECK(saml::check_signer_country("DK", with_peer).error().code ==
          errc::signer_country_mismatch);
}

TEST_CASE("assertions are classified only by NameQualifier") {
    auto doc = xml::parse_document(
                   "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" "
                   "ID=\"_x\" Version=\"2.0\"><saml2:Issuer NameQualifier=\"urn:epsos:wp34:"
                   "assertions\">x</saml2:Issuer></saml2:Assertion>")
                   .value();
    const auto parsed = saml::parse_unverified_assertion(doc.root());
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == errc::assertion_not_valid);
    auto bad_time = xml::parse_document(
                        "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" "
                        "ID=\"_x\" IssueInstant=\"yesterday\"><saml2:Issuer NameQualifier=\"urn:"
                        "ehdsi:assertions:hcp\">x</saml2:Issuer></saml2:Assertion>")
                        .value();
    CHECK(saml::parse_unverified_assertion(bad_time.root()).error().code ==
          errc::hcp_assertion_invalid);
}
