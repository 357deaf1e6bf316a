#include "gateway/ncp_b/pharmacist_assertions.hpp"

#include <catch2/catch.hpp>

#include "tests/gateway/ncp_b/swedish_issuer.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/verify_assertions.hpp"
#include "trust/x509/trust_store.hpp"

using namespace ncpeh;
using namespace ncpeh::gateway::ncp_b;
namespace saml = ncpeh::trust::saml;

namespace {

const std::filesystem::path pki = testing::dev_pki();

const pharmacy exempel{"7350099999903", "Apotek Exempel", "urn:oid:2.999.752.1.3.7350099999903",
                       "Kalmar"};
const pharmacist apotekare{"123456", "Apotekare Testsson", "AP"};

std::string in_header(const std::string& assertions) {
    return "<s:Header xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><wsse:Security "
           "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
           "oasis-200401-wss-wssecurity-secext-1.0.xsd\">" +
           assertions + "</wsse:Security></s:Header>";
}

result<saml::verified_assertions> verify(const std::string& header, saml::transaction tx) {
    static const auto anchors =
        trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                       pki / "ca.pem", {pki / "ca.crl.pem"})
            .value();
    return saml::verify_assertions(
        header, anchors, {tx, std::chrono::system_clock::now(), std::string("SE")}, nullptr);
}

}  // namespace

TEST_CASE("the professions map to their ISCO pharmacy roles", "[country-b]") {
    CHECK(isco_role_of("AP") == "2262");
    CHECK(isco_role_of("RC") == "3213");
    CHECK_FALSE(isco_role_of("LK").has_value());
    CHECK_FALSE(isco_role_of("").has_value());
}

TEST_CASE("a pharmacist's HCP and TRC assertions pass every country-A check", "[country-b]") {
    const auto now = std::chrono::system_clock::now();
    const auto hcp = issue_pharmacist_assertion(testing::sweden_issuer(), exempel, apotekare, now,
                                                std::chrono::hours(4));
    REQUIRE(hcp.has_value());
    CHECK(hcp->expires_at == now + std::chrono::hours(4));
    CHECK(hcp->xml.find(hcp->id) != std::string::npos);
    const auto trc =
        issue_treatment_assertion(testing::sweden_issuer(), apotekare, hcp->id,
                                  "010190-998X^^^&2.999.246.10.1&ISO", now, std::chrono::hours(2));
    REQUIRE(trc.has_value());
    CHECK(trc->id != hcp->id);

    const auto identify = verify(in_header(hcp->xml), saml::transaction::xcpd);
    REQUIRE(identify.has_value());
    CHECK(identify->hcp().subject_id == "Apotekare Testsson");
    CHECK(identify->hcp().role->code == "2262");
    CHECK(identify->hcp().facility_type == "Pharmacy");
    CHECK(identify->hcp().organization == "Apotek Exempel");
    for (const auto tx : {saml::transaction::xca_list, saml::transaction::xca_retrieve,
                          saml::transaction::xdr_dispense, saml::transaction::xdr_discard}) {
        INFO(saml::name_of(tx));
        const auto verified = verify(in_header(hcp->xml + trc->xml), tx);
        REQUIRE(verified.has_value());
        REQUIRE(verified->trc().has_value());
        CHECK(verified->trc()->subject_id == "010190-998X^^^&2.999.246.10.1&ISO");
    }
}

TEST_CASE("a receptarie is 3213 and someone of another profession gets no assertion",
          "[country-b]") {
    const auto now = std::chrono::system_clock::now();
    const auto rc =
        issue_pharmacist_assertion(testing::sweden_issuer(), exempel,
                                   {"234567", "Recept Arie", "RC"}, now, std::chrono::hours(1));
    REQUIRE(rc.has_value());
    const auto verified = verify(in_header(rc->xml), saml::transaction::xcpd);
    REQUIRE(verified.has_value());
    CHECK(verified->hcp().role->code == "3213");

    const auto physician =
        issue_pharmacist_assertion(testing::sweden_issuer(), exempel,
                                   {"345678", "Doktor Exempel", "LK"}, now, std::chrono::hours(1));
    REQUIRE_FALSE(physician.has_value());
    CHECK(physician.error().code == errc::pharmacist_not_licensed);
    const auto too_long = issue_pharmacist_assertion(testing::sweden_issuer(), exempel, apotekare,
                                                     now, std::chrono::hours(5));
    REQUIRE_FALSE(too_long.has_value());
    CHECK(too_long.error().code == errc::invalid_argument);
}
