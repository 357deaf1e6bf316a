#include "gateway/national_api/session_registry.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace ncpeh;
using namespace ncpeh::gateway::national_api;
using namespace std::chrono_literals;

namespace {

const auto t0 = std::chrono::system_clock::time_point(std::chrono::hours(500000));

session for_certificate(const std::string& sha256, std::chrono::system_clock::time_point ends) {
    session s;
    s.client_certificate_sha256 = sha256;
    s.pharmacy.gln = "7350099999903";
    s.pharmacist = {"123456", "Apotekare Testsson", "AP"};
    s.hcp_assertion_id = "_hcp";
    s.expires_at = ends;
    return s;
}

}  // namespace

TEST_CASE("a token finds its session from the same certificate until it ends", "[national-api]") {
    session_registry sessions;
    const auto token = sessions.open(for_certificate("aa", t0 + 4h), t0);
    REQUIRE(token.has_value());
    CHECK(token->size() == 43);  // 256 bits, base64url without padding
    CHECK(token->find_first_of("+/=") == std::string::npos);

    const auto found = sessions.find(*token, "aa", t0 + 1h);
    REQUIRE(found.has_value());
    CHECK((*found)->pharmacist.legitimationskod == "123456");
    CHECK((*found)->id.starts_with("s-"));
    CHECK((*found)->id.find(*token) == std::string::npos);

    for (const auto& [token_used, certificate, at] :
         {std::tuple{*token, std::string("bb"), t0 + 1h},  // another pharmacy system
          std::tuple{*token, std::string("aa"), t0 + 4h},  // ended with its assertion
          std::tuple{std::string("x") + token->substr(1), std::string("aa"), t0 + 1h},
          std::tuple{std::string(), std::string("aa"), t0 + 1h}}) {
        const auto refused = sessions.find(token_used, certificate, at);
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::session_invalid);
        CHECK(refused.error().message.find(*token) == std::string::npos);
    }
}

TEST_CASE("tokens are unique, expired sessions are purged, the cap holds", "[national-api]") {
    session_registry sessions(3);
    std::set<std::string> tokens;
    for (int i = 0; i < 3; ++i) {
        tokens.insert(sessions.open(for_certificate("aa", t0 + 1h), t0).value());
    }
    CHECK(tokens.size() == 3);
    const auto full = sessions.open(for_certificate("aa", t0 + 1h), t0);
    REQUIRE_FALSE(full.has_value());
    CHECK(full.error().code == errc::storage_unavailable);
    // Once they have ended, a new session makes room for itself.
    CHECK(sessions.open(for_certificate("aa", t0 + 3h), t0 + 2h).has_value());
    CHECK(sessions.size() == 1);
    CHECK(sessions.purge_expired(t0 + 4h) == 1);
    CHECK(sessions.size() == 0);
}

TEST_CASE("a session remembers the patients it identified", "[national-api]") {
    session_registry sessions;
    const auto token = sessions.open(for_certificate("aa", t0 + 1h), t0).value();
    const std::string id = sessions.find(token, "aa", t0).value()->id;
    const identified_patient fi{"FI", "010190-998X^^^&2.999.246.10.1&ISO"};
    CHECK_FALSE(sessions.identified(id, fi));
    sessions.remember_patient(id, fi);
    sessions.remember_patient(id, fi);
    CHECK(sessions.identified(id, fi));
    CHECK_FALSE(sessions.identified(id, {"AT", fi.patient_id}));
    CHECK_FALSE(sessions.identified("s-other", fi));
}

TEST_CASE("the bearer token is read from the Authorization header", "[national-api]") {
    CHECK(bearer_token("Bearer abc") == "abc");
    CHECK(bearer_token("bearer  abc ") == "abc");
    CHECK(bearer_token("Basic abc").empty());
    CHECK(bearer_token("Bearer ").empty());
    CHECK(bearer_token("").empty());
}

TEST_CASE("a session keeps the newest retrieved documents", "[national-api]") {
    session_registry sessions;
    const auto token = sessions.open(for_certificate("aa", t0 + 1h), t0).value();
    const std::string id = sessions.find(token, "aa", t0).value()->id;
    for (std::size_t i = 0; i <= session_registry::documents_per_session; ++i) {
        sessions.remember_document(id, {"FI", "p", "doc-" + std::to_string(i), "<cda/>"});
    }
    CHECK_FALSE(sessions.find_document(id, "FI", "doc-0").has_value());
    const auto newest = sessions.find_document(
        id, "FI", "doc-" + std::to_string(session_registry::documents_per_session));
    REQUIRE(newest.has_value());
    CHECK(newest->cda == "<cda/>");
    CHECK_FALSE(sessions.find_document(id, "AT", "doc-1").has_value());
    sessions.remember_document(id, {"FI", "p", "doc-1", "<newer/>"});
    CHECK(sessions.find_document(id, "FI", "doc-1")->cda == "<newer/>");
}
