// Round trips through the dev PKI: assertions issued and signed by ncpeh verify with ncpeh, and
// every bad certificate of the dev PKI is refused for its own reason.
#include "trust/saml/issue_assertion.hpp"

#include <catch2/catch.hpp>

#include "tests/support/swedish_pharmacist.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/assertion_id.hpp"
#include "trust/saml/verify_assertions.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::trust;

const std::filesystem::path pki = testing::source_dir() / "samples/pki/generated";

xmldsig::signing_credential credential(const std::string& name) {
    return xmldsig::signing_credential::load(pki / (name + ".pem"), pki / (name + ".key")).value();
}

x509::trust_store dev_store(bool with_crl) {
    std::vector<std::filesystem::path> crls;
    if (with_crl) {
        crls.push_back(pki / "ca.crl.pem");
    }
    return x509::trust_store::load(x509::store_kind::assertion_signatures, pki / "ca.pem", crls)
        .value();
}

xml::instant now_ms() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

saml::hcp_claims pharmacist(std::string id) {
    return ncpeh::testing::make_swedish_pharmacist_claims(std::move(id), "_unused", now_ms()).hcp;
}

saml::trc_claims treatment(std::string id, const std::string& hcp_id) {
    return ncpeh::testing::make_swedish_pharmacist_claims(hcp_id, std::move(id), now_ms()).trc;
}

std::string header_with(const std::string& hcp, const std::string& trc) {
    return "<s:Header xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><wsse:Security "
           "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
           "oasis-200401-wss-wssecurity-secext-1.0.xsd\">" +
           hcp + trc + "</wsse:Security></s:Header>";
}

std::string signed_pair(const xmldsig::signing_credential& seal) {
    const std::string hcp_id = saml::make_assertion_id().value();
    const auto hcp = saml::issue_hcp_assertion(pharmacist(hcp_id), seal);
    REQUIRE(hcp.has_value());
    const auto trc =
        saml::issue_trc_assertion(treatment(saml::make_assertion_id().value(), hcp_id), seal);
    REQUIRE(trc.has_value());
    return header_with(*hcp, *trc);
}

saml::policy_context now_for(saml::transaction tx) {
    return saml::policy_context{tx, std::chrono::system_clock::now(), std::string("SE")};
}

}  // namespace

TEST_CASE("assertion IDs are fresh NCNames") {
    const auto a = saml::make_assertion_id().value();
    const auto b = saml::make_assertion_id().value();
    CHECK(a != b);
    CHECK(a.size() == 37);
    CHECK(a.front() == '_');
}

TEST_CASE("issued HCP and TRC assertions verify with the dev CA, RSA and ECDSA seals") {
    const auto store = dev_store(true);
    for (const char* seal : {"se-seal", "se-seal-ec"}) {
        INFO(seal);
        const std::string message = signed_pair(credential(seal));
        const auto report = saml::check_assertions(
            message, store, now_for(saml::transaction::xca_retrieve), nullptr);
        INFO(report.first_error().describe());
        REQUIRE(report.is_valid());
        CHECK(report.assertions[0].chain->revocation ==
              x509::revocation_status::checked_not_revoked);
        CHECK(report.assertions[0].country_checked);
        CHECK(report.verified->hcp().role->code == "2262");
        CHECK(report.verified->trc()->subject_id == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    }
}

TEST_CASE("issued assertions carry Role and PurposeOfUse unprefixed with a default namespace") {
    const auto hcp = saml::issue_hcp_assertion(pharmacist("_a1"), credential("se-seal")).value();
    CHECK(hcp.find("<Role xmlns=\"urn:hl7-org:v3\" code=\"2262\"") != std::string::npos);
    CHECK(hcp.find("<PurposeOfUse xmlns=\"urn:hl7-org:v3\" code=\"TREATMENT\"") !=
          std::string::npos);
    CHECK(hcp.find("NameQualifier=\"urn:ehdsi:assertions:hcp\">urn:idp:SE:countryB<") !=
          std::string::npos);
    CHECK(hcp.find("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256") != std::string::npos);
    CHECK(hcp.find("PrefixList=\"xsd\"") != std::string::npos);
    CHECK(hcp.find("<ds:X509Certificate>") != std::string::npos);
}

TEST_CASE("issuing refuses over-long validity and non-NCName IDs") {
    auto claims = pharmacist("_a2");
    claims.validity = std::chrono::hours{5};
    CHECK(saml::issue_hcp_assertion(claims, credential("se-seal")).error().code ==
          errc::invalid_argument);
    auto trc = treatment("urn:uuid:1", "_a2");
    CHECK(saml::issue_trc_assertion(trc, credential("se-seal")).error().code ==
          errc::invalid_argument);
}

TEST_CASE("each bad certificate of the dev PKI is refused for its reason") {
    struct bad_case {
        const char* seal;
        errc expected;
    };
    const auto store = dev_store(true);
    for (const bad_case& c : {bad_case{"seal-expired", errc::certificate_expired},
                              bad_case{"seal-not-yet-valid", errc::certificate_not_yet_valid},
                              bad_case{"seal-revoked", errc::certificate_revoked},
                              bad_case{"seal-wrong-usage", errc::certificate_wrong_usage},
                              bad_case{"seal-untrusted", errc::certificate_untrusted}}) {
        INFO(c.seal);
        const auto report = saml::check_assertions(signed_pair(credential(c.seal)), store,
                                                   now_for(saml::transaction::xca_list), nullptr);
        CHECK_FALSE(report.is_valid());
        REQUIRE(report.assertions[0].signature_error);
        CHECK(report.assertions[0].signature_error->code == c.expected);
        CHECK(ehdsi_code(report.first_error().code) == "ERROR_SEC_GENERIC");
    }
}

TEST_CASE("without a CRL the revoked seal passes and the verdict says revocation not checked") {
    const auto store = dev_store(false);
    const auto report = saml::check_assertions(signed_pair(credential("seal-revoked")), store,
                                               now_for(saml::transaction::xca_list), nullptr);
    REQUIRE(report.is_valid());
    CHECK(report.assertions[0].chain->revocation == x509::revocation_status::not_checked);
}

TEST_CASE("a TRC naming another HCP is refused with 4703") {
    const auto seal = credential("se-seal");
    const std::string hcp_id = saml::make_assertion_id().value();
    const auto hcp = saml::issue_hcp_assertion(pharmacist(hcp_id), seal).value();
    const auto trc = saml::issue_trc_assertion(treatment("_trc1", "_someone_else"), seal).value();
    const auto report = saml::check_assertions(header_with(hcp, trc), dev_store(true),
                                               now_for(saml::transaction::xca_list), nullptr);
    REQUIRE(report.assertions[1].policy_error);
    CHECK(report.assertions[1].policy_error->code == errc::trc_identity_mismatch);
    CHECK(ehdsi_code(report.first_error().code) == "4703");
}

TEST_CASE("XCA needs a TRC, XCPD does not") {
    const auto seal = credential("se-seal");
    const auto hcp = saml::issue_hcp_assertion(pharmacist("_h1"), seal).value();
    const auto store = dev_store(true);
    const auto xca = saml::check_assertions(header_with(hcp, ""), store,
                                            now_for(saml::transaction::xca_list), nullptr);
    CHECK(xca.first_error().code == errc::trc_assertion_missing);
    CHECK(ehdsi_code(xca.first_error().code) == "1001");
    CHECK(saml::check_assertions(header_with(hcp, ""), store, now_for(saml::transaction::xcpd),
                                 nullptr)
              .is_valid());
    const auto none = saml::check_assertions(header_with("", ""), store,
                                             now_for(saml::transaction::xcpd), nullptr);
    CHECK(none.first_error().code == errc::hcp_assertion_missing);
}
