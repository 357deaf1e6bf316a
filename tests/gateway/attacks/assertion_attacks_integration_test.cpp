// The attack catalogue, part 1: forged, moved and misused SAML assertions against a running
// `ncpeh serve` (docs/reliability.md, "Attacks"). Each attack is sent by the Finnish partner over
// its own mutual-TLS channel, keeps a genuine dev-PKI signature somewhere in the message where it
// can, and must be refused with its precise code before the national store receives a request.
#include <catch2/catch.hpp>

#include <boost/beast/http/status.hpp>

#include <string>

#include "gateway/ihe/transaction.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/attack_target.hpp"
#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/text.hpp"
#include "trust/xml/namespaces.hpp"

using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;
using namespace ncpeh::samples::foreign_ncp;

namespace {

namespace ihe = ncpeh::gateway::ihe;
const std::string_view query_action = ihe::request_action(ihe::transaction::xca_query);
constexpr std::string_view assertion_end = "</saml2:Assertion>";
constexpr std::string_view signature_end = "</ds:Signature>";

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

std::string attribute_value(const std::string& element, std::string_view name) {
    const std::string key = " " + std::string(name) + "=\"";
    const auto at = element.find(key);
    REQUIRE(at != std::string::npos);
    const auto value = at + key.size();
    return element.substr(value, element.find('"', value) - value);
}

/// A genuine wsse:Security header of the Finnish partner (HCP + TRC, signed now by fi-seal),
/// cut into its parts so that attacks can rearrange them.
struct security_parts {
    std::string open;  ///< `<wsse:Security …>`
    std::string hcp;
    std::string trc;
    std::string close;  ///< `</wsse:Security>`

    std::string joined() const { return open + hcp + trc + close; }
    std::string hcp_id() const { return attribute_value(hcp, "ID"); }
    std::string trc_id() const { return attribute_value(trc, "ID"); }
};

security_parts genuine_security(const caller_claims& claims = for_patient(tolvan)) {
    const std::string header = security_header(partner_sources(), claims);
    const auto first = header.find("<saml2:Assertion");
    const auto hcp_end = header.find(assertion_end) + assertion_end.size();
    const auto trc_end = header.find(assertion_end, hcp_end) + assertion_end.size();
    REQUIRE(first != std::string::npos);
    REQUIRE(trc_end > hcp_end);
    return {header.substr(0, first), header.substr(first, hcp_end - first),
            header.substr(hcp_end, trc_end - hcp_end), header.substr(trc_end)};
}

std::string signature_of(const std::string& assertion) {
    const auto begin = assertion.find("<ds:Signature");
    const auto end = assertion.find(signature_end) + signature_end.size();
    REQUIRE(begin != std::string::npos);
    return assertion.substr(begin, end - begin);
}

std::string without_signature(const std::string& assertion) {
    return replaced(assertion, signature_of(assertion), "");
}

/// What an attacker wants consumed: the HCP with another professional's name and an ID of its
/// own, keeping (or not) the genuine signature, which still names the original ID.
std::string forged_hcp(const security_parts& genuine, bool keep_signature) {
    std::string forged = replaced(genuine.hcp, "ID=\"" + genuine.hcp_id() + "\"", "ID=\"_forged\"");
    forged = replaced(forged, "Testi Apteekkari", "Mallory Attacker");
    return keep_signature ? forged : without_signature(forged);
}

/// Tolvan's ePrescription list, asked with `security` as the wsse:Security header.
std::string query_envelope(const std::string& security) {
    return soap_envelope(query_action, security,
                         xca_query_body(partner_sources(), personnummer_cx(tolvan)));
}

attack_result send_query(const std::string& security, const std::string& credential = "fi-tls") {
    return attack_target::shared().attack([&] {
        tls_client client(attack_target::shared().port(), credential);
        return client.post("/ncp", "application/soap+xml", query_envelope(security));
    });
}

/// The refusal every assertion attack must end in: an XCA failure with the eHDSI error code and
/// the reason (`context`, the start of codeContext), no document listed, the error in the
/// transaction's log line, and nothing asked of the store.
void check_refused(const attack_result& r, std::string_view code, std::string_view wire_code,
                   std::string_view context) {
    INFO(r.body.substr(0, 2000));
    CHECK(r.status == 200);  // an XCA failure is an AdhocQueryResponse, not an HTTP error
    CHECK(contains(r.body, "ResponseStatusType:Failure"));
    CHECK(contains(r.body, "errorCode=\"" + std::string(wire_code) + "\" codeContext=\"" +
                               std::string(context)));
    CHECK(listed_ids(r.body).empty());
    CHECK(r.logged_code("ncp_a.transaction") == code);
    CHECK(r.store_requests == 0);
}

constexpr std::string_view integrity = "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED";
constexpr std::string_view outside_security = "a SAML assertion occurs outside the wsse:Security";
constexpr std::string_view only_assertions = "wsse:Security may hold only SAML assertions";
constexpr std::string_view references_another =
    "the signature references another element than the one it signs";

}  // namespace

TEST_CASE("The control: a genuine request of the attack suite reaches the store") {
    const auto r = send_query(genuine_security().joined());
    CHECK(contains(r.body, "ResponseStatusType:Success"));
    CHECK_FALSE(listed_ids(r.body).empty());
    CHECK(r.store_requests > 0);
    CHECK(r.logged_code("security.rejected").empty());
}

TEST_CASE("Signature wrapping: a genuine signature never vouches for other content") {
    const auto genuine = genuine_security();
    SECTION("the forged HCP first, the original moved to a header block of its own") {
        const std::string security = "<x:Wrapper xmlns:x=\"urn:example:attack\">" + genuine.hcp +
                                     "</x:Wrapper>" + genuine.open + forged_hcp(genuine, true) +
                                     genuine.trc + genuine.close;
        check_refused(send_query(security), "signature_binding_invalid", integrity,
                      outside_security);
    }
    SECTION("the original moved into the SOAP Body") {
        std::string envelope =
            query_envelope(genuine.open + forged_hcp(genuine, true) + genuine.trc + genuine.close);
        const auto body = envelope.find("Body>") + 5;
        envelope.insert(body, genuine.hcp);
        const auto r = attack_target::shared().attack([&] {
            tls_client client(attack_target::shared().port(), "fi-tls");
            return client.post("/ncp", "application/soap+xml", envelope);
        });
        CHECK(r.store_requests == 0);
        CHECK(listed_ids(r.body).empty());
        CHECK_FALSE(contains(r.body, "ResponseStatusType:Success"));
    }
    SECTION("a second wsse:Security header carrying the forged, unsigned HCP") {
        const std::string second = "<wsse:Security xmlns:wsse=\"" +
                                   std::string(ncpeh::trust::xml::ns::wsse) + "\">" +
                                   forged_hcp(genuine, false) + "</wsse:Security>";
        check_refused(send_query(second + genuine.joined()), "signature_binding_invalid", integrity,
                      "there must be exactly one wsse:Security element, in the SOAP Header");
    }
    SECTION("the genuine signature transplanted into the forged HCP") {
        check_refused(
            send_query(genuine.open + forged_hcp(genuine, true) + genuine.trc + genuine.close),
            "signature_binding_invalid", integrity, references_another);
    }
    SECTION("the original nested in the forged HCP's Advice") {
        const std::string forged =
            replaced(forged_hcp(genuine, true), "<saml2:AuthnStatement",
                     "<saml2:Advice>" + genuine.hcp + "</saml2:Advice><saml2:AuthnStatement");
        check_refused(send_query(genuine.open + forged + genuine.trc + genuine.close),
                      "signature_binding_invalid", integrity, outside_security);
    }
    SECTION("the original nested in an Extensions element inside wsse:Security") {
        const std::string security = genuine.open + "<wsse:Extensions>" + genuine.hcp +
                                     "</wsse:Extensions>" + forged_hcp(genuine, true) +
                                     genuine.trc + genuine.close;
        check_refused(send_query(security), "signature_binding_invalid", integrity,
                      only_assertions);
    }
    SECTION("the original nested in a ds:Object of the forged HCP's signature") {
        const std::string forged =
            replaced(forged_hcp(genuine, true), signature_end,
                     "<ds:Object>" + genuine.hcp + "</ds:Object>" + std::string(signature_end));
        check_refused(send_query(genuine.open + forged + genuine.trc + genuine.close),
                      "signature_binding_invalid", integrity, outside_security);
    }
    SECTION("another element carries the HCP's ID") {
        const std::string decoy =
            "<x:Decoy xmlns:x=\"urn:example:attack\" ID=\"" + genuine.hcp_id() + "\"/>";
        check_refused(send_query(genuine.open + decoy + genuine.hcp + genuine.trc + genuine.close),
                      "signature_binding_invalid", integrity, only_assertions);
    }
    SECTION("the HCP twice, both copies genuine: a duplicated ID") {
        check_refused(
            send_query(genuine.open + genuine.hcp + genuine.hcp + genuine.trc + genuine.close),
            "signature_binding_invalid", integrity, "more than one assertion of the same kind");
    }
    SECTION("the HCP's signature referring to the TRC instead") {
        const std::string hcp = replaced(genuine.hcp, "URI=\"#" + genuine.hcp_id() + "\"",
                                         "URI=\"#" + genuine.trc_id() + "\"");
        check_refused(send_query(genuine.open + hcp + genuine.trc + genuine.close),
                      "signature_binding_invalid", integrity, references_another);
    }
    SECTION("a signature made over another assertion") {
        const auto other = genuine_security();
        const std::string hcp =
            replaced(genuine.hcp, signature_of(genuine.hcp), signature_of(other.hcp));
        check_refused(send_query(genuine.open + hcp + genuine.trc + genuine.close),
                      "signature_binding_invalid", integrity, references_another);
    }
    SECTION("a comment inside the signed patient id of the TRC") {
        // Exclusive c14n drops comments, so the digest still matches; a reader that took the
        // first text node only would see another patient.
        const std::string trc =
            replaced(genuine.trc, std::string(tolvan) + "^^^", "1912121212<!-- -->12^^^");
        check_refused(send_query(genuine.open + genuine.hcp + trc + genuine.close),
                      "signature_binding_invalid", integrity,
                      "a SAML assertion holds a comment or processing instruction");
    }
    SECTION("whitespace added inside signed content") {
        const std::string hcp = replaced(genuine.hcp, "Testi Apteekkari", "Testi  Apteekkari");
        check_refused(send_query(genuine.open + hcp + genuine.trc + genuine.close),
                      "signature_invalid", integrity,
                      "the signature value or a reference digest does not verify");
    }
}

TEST_CASE("Assertions that are unsigned, self-signed or signed with the wrong certificate") {
    SECTION("an unsigned HCP") {
        const auto genuine = genuine_security();
        check_refused(
            send_query(genuine.open + without_signature(genuine.hcp) + genuine.trc + genuine.close),
            "signature_invalid", integrity, "the assertion is not signed");
    }
    struct wrong_seal {
        const char* seal;
        const char* code;
        const char* context;
    };
    for (const auto& [seal, code, context] :
         {wrong_seal{"seal-untrusted", "certificate_untrusted", "certificate is not trusted"},
          wrong_seal{"seal-expired", "certificate_expired", "certificate has expired"},
          wrong_seal{"seal-not-yet-valid", "certificate_not_yet_valid",
                     "certificate is not yet valid"},
          wrong_seal{"seal-revoked", "certificate_revoked", "certificate is revoked"},
          wrong_seal{"seal-wrong-usage", "certificate_wrong_usage",
                     "key usage lacks digitalSignature"}}) {
        DYNAMIC_SECTION("signed with " << seal) {
            caller_claims claims = for_patient(tolvan);
            claims.seal = seal;
            check_refused(send_query(genuine_security(claims).joined()), code, "ERROR_SEC_GENERIC",
                          context);
        }
    }
    SECTION("a valid Swedish assertion over the Finnish partner's TLS channel") {
        caller_claims claims = for_patient(tolvan);
        claims.seal = "se-seal";
        claims.country = "SE";
        check_refused(send_query(genuine_security(claims).joined()), "signer_country_mismatch",
                      "ERROR_SEC_GENERIC",
                      "the assertion signer&apos;s country is not the TLS peer&apos;s country");
    }
}

TEST_CASE("Assertions that are genuine but do not allow what is asked") {
    SECTION("a TRC for another patient than the one asked for") {
        check_refused(send_query(genuine_security(for_patient(testa)).joined()),
                      "patient_differs_from_trc", "4206",
                      "the patient of the request is not the patient of the TRC assertion");
    }
    SECTION("no TRC at all") {
        check_refused(send_query(security_header(partner_sources(), caller_claims{})),
                      "trc_assertion_missing", "1001",
                      "no TRC assertion received; the transaction requires one");
    }
    SECTION("an HCP without the permission to read ePrescriptions") {
        caller_claims claims = for_patient(tolvan);
        claims.permissions = {"PRD-006", "PPD-046"};
        check_refused(send_query(genuine_security(claims).joined()), "insufficient_rights", "4703",
                      "the HCP lacks a permission the transaction requires");
    }
    SECTION("an HCP whose role is not an accepted ISCO code") {
        caller_claims claims = for_patient(tolvan);
        claims.role_code = "9629";
        check_refused(send_query(genuine_security(claims).joined()), "hcp_assertion_invalid",
                      "ERROR_HPI_GENERIC", "HCP role is not an accepted ISCO code");
    }
    SECTION("assertions issued five hours ago: expired") {
        caller_claims claims = for_patient(tolvan);
        claims.issued_ago = std::chrono::hours(5);
        check_refused(send_query(genuine_security(claims).joined()), "hcp_assertion_invalid",
                      "ERROR_HPI_GENERIC", "assertion has expired");
    }
    SECTION("assertions issued an hour from now: not yet valid") {
        caller_claims claims = for_patient(tolvan);
        claims.issued_ago = -std::chrono::hours(1);
        check_refused(send_query(genuine_security(claims).joined()), "hcp_assertion_invalid",
                      "ERROR_HPI_GENERIC", "assertion is not yet valid");
    }
    SECTION("a replayed assertion") {
        const std::string security = genuine_security().joined();
        REQUIRE(send_query(security).store_requests > 0);
        check_refused(send_query(security), "assertion_replayed", "ERROR_SEC_GENERIC",
                      "the assertion was already used");
    }
}
