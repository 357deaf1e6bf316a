#include "gateway/ncp_b/assertion_reserve.hpp"

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <set>

#include "tests/gateway/ncp_b/swedish_issuer.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/verify_assertions.hpp"
#include "trust/x509/trust_store.hpp"

using namespace ncpeh;
using namespace ncpeh::gateway::ncp_b;
namespace saml = ncpeh::trust::saml;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path pki = testing::dev_pki();
const std::string testi = "010170-902L^^^&2.999.246.10.1&ISO";
const std::string matti = "150585-9133^^^&2.999.246.10.1&ISO";

pharmacist_session session_of(std::string id, std::chrono::system_clock::time_point expires) {
    pharmacist_session s;
    s.id = std::move(id);
    s.pharmacy = {"7350099999903", "Apotek Exempel", "urn:oid:2.999.752.1.3.7350099999903",
                  "Kalmar"};
    s.pharmacist = {"9900001", "Alma Apoteksson", "AP"};
    s.hcp_assertion_id = "_session";
    s.expires_at = expires;
    return s;
}

// What a strict peer (our own country A) makes of a call's Security header.
result<saml::verified_assertions> verify(const patient_security& security) {
    static const auto anchors =
        trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                       pki / "ca.pem", {pki / "ca.crl.pem"})
            .value();
    const std::string header = "<s:Header xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">" +
                               security.header + "</s:Header>";
    return saml::verify_assertions(
        header, anchors,
        {saml::transaction::xca_retrieve, std::chrono::system_clock::now(), std::string("SE")},
        nullptr);
}

}  // namespace

TEST_CASE("the assertion reserve hands out spares signed in the background, each once",
          "[country-b]") {
    boost::asio::io_context signer;
    assertion_reserve reserve(signer.get_executor(), testing::sweden_issuer());
    const auto now = std::chrono::system_clock::now();
    const auto session = session_of("s-1", now + 4h);

    // Nothing in reserve yet: signed now; a spare for the same patient is then made.
    const auto first = reserve.take(session, testi, now);
    REQUIRE(first.has_value());
    CHECK(reserve.signed_on_demand() == 1);
    CHECK(signer.run() == 1);

    const auto second = reserve.take(session, testi, std::chrono::system_clock::now());
    REQUIRE(second.has_value());
    CHECK(reserve.taken() == 1);
    CHECK(second->trc_assertion_id != first->trc_assertion_id);
    CHECK(second->hcp_assertion_id != first->hcp_assertion_id);
    const auto verified = verify(*second);
    REQUIRE(verified.has_value());
    CHECK(verified->trc()->subject_id == testi);
    CHECK(verified->hcp().subject_id == "Alma Apoteksson");

    // The spare was used: the next one is signed again (the replacement has not run yet).
    const auto third = reserve.take(session, testi, std::chrono::system_clock::now());
    REQUIRE(third.has_value());
    CHECK(reserve.signed_on_demand() == 2);
    std::set<std::string> ids{first->trc_assertion_id, second->trc_assertion_id,
                              third->trc_assertion_id};
    CHECK(ids.size() == 3);
    signer.restart();
    CHECK(signer.run() == 1);  // one background signature per key at a time

    // Another patient's spare is not this one's; prepare makes one ahead.
    reserve.prepare(session, matti);
    signer.restart();
    CHECK(signer.run() == 1);
    const auto for_matti = reserve.take(session, matti, std::chrono::system_clock::now());
    REQUIRE(for_matti.has_value());
    CHECK(reserve.taken() == 2);
    const auto matti_verified = verify(*for_matti);
    REQUIRE(matti_verified.has_value());
    CHECK(matti_verified->trc()->subject_id == matti);
}

TEST_CASE("the assertion reserve never hands out a stale spare or one past the session",
          "[country-b]") {
    boost::asio::io_context signer;
    assertion_reserve reserve(signer.get_executor(), testing::sweden_issuer(), 1024, 60s);
    const auto now = std::chrono::system_clock::now();
    const auto session = session_of("s-2", now + 4h);
    REQUIRE(reserve.take(session, testi, now).has_value());
    signer.run();

    // Older than max_age: dropped, signed anew.
    REQUIRE(reserve.take(session, testi, now + 61s).has_value());
    CHECK(reserve.taken() == 0);
    CHECK(reserve.signed_on_demand() == 2);
    signer.restart();
    signer.run();

    // The session has ended: no spare, and the on-demand signature says why.
    const auto ended = session_of("s-2", now - 1s);
    const auto refused = reserve.take(ended, testi, std::chrono::system_clock::now());
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::session_invalid);
    CHECK(reserve.taken() == 0);
}

TEST_CASE("background signing after the reserve is gone does nothing", "[country-b]") {
    boost::asio::io_context signer;
    {
        assertion_reserve reserve(signer.get_executor(), testing::sweden_issuer());
        const auto session = session_of("s-3", std::chrono::system_clock::now() + 4h);
        reserve.prepare(session, testi);
    }
    CHECK(signer.run() == 1);  // ran, found the reserve gone, signed nothing
}
