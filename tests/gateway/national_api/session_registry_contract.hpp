#pragma once

// The tests every pharmacist session registry passes, whatever keeps it: one body, run against
// `in_memory_session_registry` (session_registry_test.cpp) and `postgres_session_registry` on a
// real PostgreSQL (postgres_session_registry_integration_test.cpp), each through a
// `session_registry_factory`.

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gateway/national_api/session_registry.hpp"
#include "tests/gateway/ncp_b/outbox_test_support.hpp"

namespace ncpeh::testing {

/// Makes the registries of one implementation for the shared tests.
class session_registry_factory {
  public:
    virtual ~session_registry_factory() = default;
    /// A registry on a new, empty store, holding at most `max_sessions` sessions.
    virtual std::unique_ptr<gateway::national_api::session_registry> fresh(
        std::size_t max_sessions) = 0;
    /// Another registry on the store of the last `fresh()` (another ncpeh instance); nullptr when
    /// the implementation keeps its sessions to one instance.
    virtual std::unique_ptr<gateway::national_api::session_registry> another() = 0;
};

namespace session_contract_detail {

using namespace gateway::national_api;
using namespace std::chrono_literals;

inline const auto t0 = std::chrono::system_clock::time_point(std::chrono::hours(500000));

inline session for_certificate(const std::string& sha256,
                               std::chrono::system_clock::time_point ends) {
    session s;
    s.client_certificate_sha256 = sha256;
    s.pharmacy = {"7350099999903", "Apoteket Testet", "urn:oid:2.999.752.1", "Teststad"};
    s.pharmacist = {"123456", "Apotekare Testsson", "AP"};
    s.hcp_assertion = "<saml2:Assertion ID=\"_hcp\">O'Test \\ \xc3\xa5</saml2:Assertion>";
    s.hcp_assertion_id = "_hcp";
    s.expires_at = ends;
    return s;
}

inline std::string open_now(session_registry& sessions, session s,
                            std::chrono::system_clock::time_point now) {
    auto token = run_now(sessions.open(std::move(s), now));
    REQUIRE(token.has_value());
    return *token;
}

inline std::string id_of(session_registry& sessions, const std::string& token) {
    auto found = run_now(sessions.find(token, "aa", t0));
    REQUIRE(found.has_value());
    return (*found)->id;
}

inline void token_finds_its_session(session_registry_factory& make) {
    auto sessions = make.fresh(100);
    const session opened = for_certificate("aa", t0 + 4h + 123ns);
    const std::string token = open_now(*sessions, opened, t0);
    CHECK(token.size() == 43);  // 256 bits, base64url without padding
    CHECK(token.find_first_of("+/=") == std::string::npos);

    const auto found = run_now(sessions->find(token, "aa", t0 + 1h));
    REQUIRE(found.has_value());
    CHECK((*found)->id.starts_with("s-"));
    CHECK((*found)->id.find(token) == std::string::npos);
    CHECK((*found)->pharmacy == opened.pharmacy);
    CHECK((*found)->pharmacist == opened.pharmacist);
    CHECK((*found)->hcp_assertion == opened.hcp_assertion);
    CHECK((*found)->hcp_assertion_id == "_hcp");
    CHECK((*found)->expires_at == opened.expires_at);
    CHECK((*found)->client_certificate_sha256 == "aa");

    for (const auto& [token_used, certificate, at, why] :
         {std::tuple{token, std::string("bb"), t0 + 1h, "another pharmacy system"},
          std::tuple{token, std::string("aa"), t0 + 4h + 123ns, "has expired"},
          std::tuple{std::string("x") + token.substr(1), std::string("aa"), t0 + 1h, "unknown"},
          std::tuple{std::string(), std::string("aa"), t0 + 1h, "no session"}}) {
        INFO(why);
        const auto refused = run_now(sessions->find(token_used, certificate, at));
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::session_invalid);
        CHECK(refused.error().message.find(why) != std::string::npos);
        CHECK(refused.error().message.find(token) == std::string::npos);
    }
}

inline void tokens_unique_purge_and_cap(session_registry_factory& make) {
    auto sessions = make.fresh(3);
    std::set<std::string> tokens;
    for (int i = 0; i < 3; ++i) {
        tokens.insert(open_now(*sessions, for_certificate("aa", t0 + 1h), t0));
    }
    CHECK(tokens.size() == 3);
    const auto full = run_now(sessions->open(for_certificate("aa", t0 + 1h), t0));
    REQUIRE_FALSE(full.has_value());
    CHECK(full.error().code == errc::storage_unavailable);
    CHECK(full.error().context_value("max_sessions") == "3");
    // Once they have ended, a new session makes room for itself.
    const std::string later = open_now(*sessions, for_certificate("aa", t0 + 3h), t0 + 2h);
    for (const std::string& old : tokens) {
        CHECK_FALSE(run_now(sessions->find(old, "aa", t0)).has_value());  // purged
    }
    CHECK(run_now(sessions->purge_expired(t0 + 2h)).value() == 0);
    CHECK(run_now(sessions->purge_expired(t0 + 4h)).value() == 1);
    CHECK(run_now(sessions->find(later, "aa", t0 + 2h)).error().message.find("unknown") !=
          std::string::npos);
}

inline void remembers_identified_patients(session_registry_factory& make) {
    auto sessions = make.fresh(100);
    const std::string id =
        id_of(*sessions, open_now(*sessions, for_certificate("aa", t0 + 1h), t0));
    const identified_patient fi{"FI", "010190-998X^^^&2.999.246.10.1&ISO"};
    CHECK_FALSE(run_now(sessions->identified(id, fi)).value());
    REQUIRE(run_now(sessions->remember_patient(id, fi)).has_value());
    REQUIRE(run_now(sessions->remember_patient(id, fi)).has_value());
    CHECK(run_now(sessions->identified(id, fi)).value());
    CHECK_FALSE(run_now(sessions->identified(id, {"AT", fi.patient_id})).value());
    CHECK_FALSE(run_now(sessions->identified("s-other", fi)).value());
    // Another session's patients are not this one's; a session that does not exist keeps none.
    const std::string other =
        id_of(*sessions, open_now(*sessions, for_certificate("aa", t0 + 1h), t0));
    CHECK_FALSE(run_now(sessions->identified(other, fi)).value());
    REQUIRE(run_now(sessions->remember_patient("s-none", fi)).has_value());
    CHECK_FALSE(run_now(sessions->identified("s-none", fi)).value());
    // They end with their session.
    CHECK(run_now(sessions->purge_expired(t0 + 2h)).value() == 2);
    CHECK_FALSE(run_now(sessions->identified(id, fi)).value());
}

inline void keeps_the_newest_documents(session_registry_factory& make) {
    auto sessions = make.fresh(100);
    const std::string id =
        id_of(*sessions, open_now(*sessions, for_certificate("aa", t0 + 1h), t0));
    for (std::size_t i = 0; i <= session_registry::documents_per_session; ++i) {
        REQUIRE(run_now(sessions->remember_document(
                            id, {"FI", "p", "doc-" + std::to_string(i), "<cda/>"}))
                    .has_value());
    }
    CHECK_FALSE(run_now(sessions->find_document(id, "FI", "doc-0")).value().has_value());
    const auto newest =
        run_now(sessions->find_document(
                    id, "FI", "doc-" + std::to_string(session_registry::documents_per_session)))
            .value();
    REQUIRE(newest.has_value());
    CHECK(newest->cda == "<cda/>");
    CHECK(newest->patient_id == "p");
    CHECK(newest->country == "FI");
    CHECK_FALSE(run_now(sessions->find_document(id, "AT", "doc-1")).value().has_value());
    REQUIRE(
        run_now(sessions->remember_document(id, {"FI", "p2", "doc-1", "<newer/>"})).has_value());
    const auto replaced = run_now(sessions->find_document(id, "FI", "doc-1")).value();
    REQUIRE(replaced.has_value());
    CHECK(replaced->cda == "<newer/>");
    CHECK(replaced->patient_id == "p2");
    // doc-1 became the newest: doc-2 is the oldest kept and goes next.
    REQUIRE(run_now(sessions->remember_document(id, {"FI", "p", "doc-x", "<x/>"})).has_value());
    CHECK_FALSE(run_now(sessions->find_document(id, "FI", "doc-2")).value().has_value());
    CHECK(run_now(sessions->find_document(id, "FI", "doc-1")).value().has_value());
    CHECK_FALSE(run_now(sessions->find_document("s-other", "FI", "doc-1")).value().has_value());
}

inline void shared_by_instances(session_registry_factory& make) {
    auto first = make.fresh(100);
    auto second = make.another();
    if (!second) {
        return;  // one instance's sessions
    }
    const std::string token = open_now(*first, for_certificate("aa", t0 + 1h), t0);
    const auto found = run_now(second->find(token, "aa", t0));
    REQUIRE(found.has_value());
    const std::string id = (*found)->id;
    CHECK_FALSE(run_now(second->find(token, "bb", t0)).has_value());
    const identified_patient fi{"FI", "TEST-1^^^&2.999.246.1.1&ISO"};
    REQUIRE(run_now(first->remember_patient(id, fi)).has_value());
    CHECK(run_now(second->identified(id, fi)).value());
    REQUIRE(run_now(second->remember_document(id, {"FI", fi.patient_id, "d", "<d/>"})).has_value());
    CHECK(run_now(first->find_document(id, "FI", "d")).value().value().cda == "<d/>");
}

}  // namespace session_contract_detail

/// Runs every shared session registry test against the registries `make` gives, one after the
/// other (each on a fresh store); a failure names the test.
inline void check_session_registry_contract(session_registry_factory& make) {
    namespace d = session_contract_detail;
    const std::vector<std::pair<const char*, void (*)(session_registry_factory&)>> tests = {
        {"a token finds its session from the same certificate until it ends",
         d::token_finds_its_session},
        {"tokens are unique, expired sessions are purged, the cap holds",
         d::tokens_unique_purge_and_cap},
        {"a session remembers the patients it identified", d::remembers_identified_patients},
        {"a session keeps the newest retrieved documents", d::keeps_the_newest_documents},
        {"another instance finds the session and what it remembered", d::shared_by_instances},
    };
    for (const auto& [name, test] : tests) {
        INFO("session registry contract: " << name);
        test(make);
    }
}

}  // namespace ncpeh::testing
