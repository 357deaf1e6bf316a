// Signature-wrapping, ID and algorithm attacks: each keeps a genuine signature somewhere in the
// message, so only the binding checks stop it. Every attack runs on a header that the test signs
// with the dev PKI (the repository alone) and on the real OpenNCP-signed DK header of ../shared.
#include "trust/xmldsig/verify_assertion_signature.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

#include "tests/support/peer_samples.hpp"
#include "tests/support/swedish_pharmacist.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/issue_assertion.hpp"
#include "trust/saml/verify_assertions.hpp"
#include "trust/xml/date_time.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::trust;

/// A signed SOAP header with an HCP and a TRC assertion, and what verifies it.
struct signed_header {
    std::string text;
    std::string hcp_id;
    std::string trc_id;
    std::string role_code;  ///< the HCP's ISCO role, which the attacker changes
    x509::trust_store store;
    xml::instant at;
};

/// Issued now by a Swedish pharmacist's NCP with the dev PKI's SE seal (RSA, exclusive c14n).
std::unique_ptr<signed_header> own_header() {
    const auto pki = testing::source_dir() / "samples/pki/generated";
    const auto seal =
        xmldsig::signing_credential::load(pki / "se-seal.pem", pki / "se-seal.key").value();
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const auto [hcp, trc] = testing::make_swedish_pharmacist_claims(
        "_5a1e0c3b-0000-4000-8000-0000000000a1", "_5a1e0c3b-0000-4000-8000-0000000000a2", now);
    std::string text =
        "<s:Header xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><wsse:Security "
        "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
        "oasis-200401-wss-wssecurity-secext-1.0.xsd\">" +
        saml::issue_hcp_assertion(hcp, seal).value() +
        saml::issue_trc_assertion(trc, seal).value() + "</wsse:Security></s:Header>";
    return std::make_unique<signed_header>(
        signed_header{std::move(text), hcp.id, trc.id, "2262",
                      x509::trust_store::load(x509::store_kind::assertion_signatures,
                                              pki / "ca.pem", {pki / "ca.crl.pem"})
                          .value(),
                      now + std::chrono::minutes{1}});
}

/// The real OpenNCP-signed header of DK (eHDSI test CA), checked inside its validity window.
std::unique_ptr<signed_header> dk_header() {
    return std::make_unique<signed_header>(signed_header{
        testing::read_file(testing::peer_samples_dir() / "soap/dk-xca-query-header.signed.xml"),
        "_882a0deb-4595-4279-a290-ab27ebb0c270", "_6c6bf860-907a-497e-bddf-3ae1991c74d8", "221",
        x509::trust_store::load(x509::store_kind::assertion_signatures,
                                testing::peer_samples_dir() / "pki/ehdsi-test-ca.pem")
            .value(),
        xml::parse_date_time("2025-07-26T12:00:00Z").value()});
}

/// The header `source` names ("own" or "dk"), built once.
const signed_header& header_from(const std::string& source) {
    static const auto own = own_header();
    if (source == "own") {
        return *own;
    }
    static const auto dk = dk_header();
    return *dk;
}

saml::assertions_report check(const signed_header& h, const std::string& message,
                              saml::transaction tx = saml::transaction::xca_list) {
    return saml::check_assertions(message, h.store, saml::policy_context{tx, h.at, {}}, nullptr);
}

std::string replace(std::string text, std::string_view from, std::string_view to) {
    const auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    return text;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (auto pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

// The HCP and TRC assertion elements as text, and the header around them.
struct parts {
    std::string before;  // up to and including <wsse:Security ...>
    std::string hcp;
    std::string trc;
    std::string after;  // from </wsse:Security>
};

parts split(const signed_header& h) {
    const std::string& header = h.text;
    parts p;
    const auto first = header.find("<saml2:Assertion");
    const auto hcp_end =
        header.find("</saml2:Assertion>") + std::string("</saml2:Assertion>").size();
    const auto trc_end =
        header.find("</saml2:Assertion>", hcp_end) + std::string("</saml2:Assertion>").size();
    p.before = header.substr(0, first);
    p.hcp = header.substr(first, hcp_end - first);
    p.trc = header.substr(hcp_end, trc_end - hcp_end);
    p.after = header.substr(trc_end);
    return p;
}

// The HCP with its role changed and a new ID: what an attacker wants consumed.
std::string evil_hcp(const signed_header& h, const std::string& hcp, bool keep_signature) {
    std::string evil = replace(hcp, "ID=\"" + h.hcp_id, "ID=\"_evil");
    evil = replace(evil, "code=\"" + h.role_code + "\"",
                   h.role_code == "221" ? "code=\"2262\"" : "code=\"221\"");
    if (!keep_signature) {
        const auto begin = evil.find("<ds:Signature");
        const auto end = evil.find("</ds:Signature>") + std::string("</ds:Signature>").size();
        evil.erase(begin, end - begin);
    }
    return evil;
}

std::string strip_signature(const std::string& assertion) {
    std::string copy = assertion;
    const auto begin = copy.find("<ds:Signature");
    const auto end = copy.find("</ds:Signature>") + std::string("</ds:Signature>").size();
    copy.erase(begin, end - begin);
    return copy;
}

errc first_code(const saml::assertions_report& report) {
    return report.first_error().code;
}

}  // namespace

TEST_CASE("the unmodified split reassembles into a valid header") {
    const std::string source = GENERATE(as<std::string>{}, "own", "dk");
    if (source == "dk" && testing::skip_without_peer_samples()) {
        return;
    }
    const signed_header& h = header_from(source);
    const parts p = split(h);
    CHECK(check(h, p.before + p.hcp + p.trc + p.after).is_valid());
}

TEST_CASE("signature wrapping layouts are rejected") {
    const std::string source = GENERATE(as<std::string>{}, "own", "dk");
    if (source == "dk" && testing::skip_without_peer_samples()) {
        return;
    }
    const signed_header& h = header_from(source);
    const parts p = split(h);
    SECTION(
        "1: attacker assertion first with the genuine signature, original moved to another "
        "header block") {
        const std::string original_elsewhere =
            "<wsa:Wrapper xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">" + p.hcp +
            "</wsa:Wrapper>";
        const std::string message =
            replace(p.before, "<wsse:Security", original_elsewhere + "<wsse:Security") +
            evil_hcp(h, p.hcp, true) + p.trc + p.after;
        const auto report = check(h, message);
        CHECK_FALSE(report.is_valid());
        CHECK(first_code(report) == errc::signature_binding_invalid);
    }
    SECTION("2: original assertion in the SOAP Body, attacker assertion in the header") {
        std::string envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">" +
                               p.before + evil_hcp(h, p.hcp, true) + p.trc + p.after + "<s:Body>" +
                               p.hcp + "</s:Body></s:Envelope>";
        const auto report = check(h, envelope);
        CHECK(first_code(report) == errc::signature_binding_invalid);
    }
    SECTION("3: a second wsse:Security header") {
        const std::string second =
            "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
            "oasis-200401-wss-wssecurity-secext-1.0.xsd\">" +
            evil_hcp(h, p.hcp, false) + "</wsse:Security>";
        const std::string message = replace(p.before, "<wsse:Security", second + "<wsse:Security") +
                                    p.hcp + p.trc + p.after;
        CHECK(first_code(check(h, message)) == errc::signature_binding_invalid);
    }
    SECTION("4: genuine signature transplanted into an attacker assertion with another ID") {
        const std::string message = p.before + evil_hcp(h, p.hcp, true) + p.trc + p.after;
        const auto report = check(h, message);
        REQUIRE(report.assertions[0].signature_error);
        CHECK(report.assertions[0].signature_error->code == errc::signature_binding_invalid);
        CHECK(report.assertions[0].signature_error->context_value("expected") == "#_evil");
    }
    SECTION("5: original assertion nested in the attacker assertion's Advice") {
        std::string evil = evil_hcp(h, p.hcp, true);
        evil = replace(evil, "<saml2:AuthnStatement",
                       "<saml2:Advice>" + p.hcp + "</saml2:Advice><saml2:AuthnStatement");
        const auto report = check(h, p.before + evil + p.trc + p.after);
        CHECK(first_code(report) == errc::signature_binding_invalid);
    }
    SECTION("6: original assertion hidden in a wrapper inside wsse:Security") {
        const std::string message = p.before + "<wsse:Extra>" + p.hcp + "</wsse:Extra>" +
                                    evil_hcp(h, p.hcp, true) + p.trc + p.after;
        CHECK(first_code(check(h, message)) == errc::signature_binding_invalid);
    }
    SECTION("7: signature moved out of its assertion into another one") {
        // The HCP loses its signature; the TRC carries the HCP's signature as a second one.
        const auto sig_begin = p.hcp.find("<ds:Signature");
        const auto sig_end = p.hcp.find("</ds:Signature>") + std::string("</ds:Signature>").size();
        const std::string hcp_signature = p.hcp.substr(sig_begin, sig_end - sig_begin);
        const std::string trc =
            replace(p.trc, "</saml2:Issuer>", "</saml2:Issuer>" + hcp_signature);
        const auto report = check(h, p.before + strip_signature(p.hcp) + trc + p.after);
        REQUIRE(report.assertions[0].signature_error);
        CHECK(report.assertions[0].signature_error->code == errc::signature_invalid);  // unsigned
        REQUIRE(report.assertions[1].signature_error);
        CHECK(report.assertions[1].signature_error->code == errc::signature_binding_invalid);
    }
    SECTION("8: a comment or processing instruction inside a signed text value") {
        // Exclusive c14n drops both, so the digest still matches: content nobody signed.
        const auto issuer_text = p.hcp.find('>', p.hcp.find("<saml2:Issuer")) + 1;
        for (const std::string unsigned_markup : {"<!-- -->", "<?attack x?>"}) {
            std::string hcp = p.hcp;
            hcp.insert(issuer_text + 3, unsigned_markup);
            const auto report = check(h, p.before + hcp + p.trc + p.after);
            CHECK(first_code(report) == errc::signature_binding_invalid);
            CHECK(report.first_error().message ==
                  "a SAML assertion holds a comment or processing instruction");
        }
    }
}

TEST_CASE("duplicate IDs are rejected before any reference is resolved") {
    const std::string source = GENERATE(as<std::string>{}, "own", "dk");
    if (source == "dk" && testing::skip_without_peer_samples()) {
        return;
    }
    const signed_header& h = header_from(source);
    const parts p = split(h);
    SECTION("another element carries the assertion's ID") {
        const std::string decoy =
            "<wsa:Decoy xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" ID=\"" + h.hcp_id +
            "\"/>";
        const auto report = check(h, replace(p.before, "<wsse:Security", decoy + "<wsse:Security") +
                                         p.hcp + p.trc + p.after);
        REQUIRE(report.assertions[0].signature_error);
        CHECK(report.assertions[0].signature_error->code == errc::signature_binding_invalid);
        CHECK(report.assertions[0].signature_error->message == "the ID occurs more than once");
    }
    SECTION("two assertions share an ID") {
        const std::string trc = replace_all(p.trc, h.trc_id, h.hcp_id);
        const auto report = check(h, p.before + p.hcp + trc + p.after);
        CHECK(first_code(report) == errc::signature_binding_invalid);
    }
    SECTION("a non-NCName ID (urn:uuid:) is rejected, never rewritten") {
        const std::string hcp = replace_all(p.hcp, h.hcp_id, "urn:uuid:882a0deb");
        const auto report = check(h, p.before + hcp + p.trc + p.after);
        REQUIRE(report.assertions[0].signature_error);
        CHECK(report.assertions[0].signature_error->message == "the ID is not an NCName");
    }
}

TEST_CASE("algorithms and key material outside the allow-list are rejected") {
    const std::string source = GENERATE(as<std::string>{}, "own", "dk");
    if (source == "dk" && testing::skip_without_peer_samples()) {
        return;
    }
    const signed_header& h = header_from(source);
    const parts p = split(h);
    auto hcp_error = [&](const std::string& hcp) {
        const auto report = check(h, p.before + hcp + p.trc + p.after);
        REQUIRE(report.assertions[0].signature_error);
        return *report.assertions[0].signature_error;
    };
    SECTION("RSA-SHA1 signature method") {
        const auto e = hcp_error(replace(p.hcp, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                         "http://www.w3.org/2000/09/xmldsig#rsa-sha1"));
        CHECK(e.code == errc::signature_algorithm_forbidden);
        CHECK(e.context_value("algorithm") == "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
    }
    SECTION("SHA-1 digest") {
        const auto e = hcp_error(replace(p.hcp, "http://www.w3.org/2001/04/xmlenc#sha256",
                                         "http://www.w3.org/2000/09/xmldsig#sha1"));
        CHECK(e.code == errc::signature_algorithm_forbidden);
    }
    SECTION("HMAC") {
        const auto e = hcp_error(replace(p.hcp, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                         "http://www.w3.org/2000/09/xmldsig#hmac-sha1"));
        CHECK(e.code == errc::signature_algorithm_forbidden);
    }
    SECTION("an extra XPath transform") {
        const auto e = hcp_error(
            replace(p.hcp, "</ds:Transforms>",
                    "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                    "<ds:XPath>1</ds:XPath></ds:Transform></ds:Transforms>"));
        CHECK(e.code == errc::signature_algorithm_forbidden);
    }
    SECTION("an XSLT transform instead of exclusive c14n") {
        const auto e = hcp_error(
            replace(p.hcp, "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\">",
                    "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\">"));
        CHECK(e.code == errc::signature_algorithm_forbidden);
    }
    SECTION("a KeyValue-only key") {
        const auto begin = p.hcp.find("<ds:X509Data>");
        const auto end = p.hcp.find("</ds:X509Data>") + std::string("</ds:X509Data>").size();
        std::string hcp = p.hcp;
        hcp.replace(begin, end - begin,
                    "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>AQAB</ds:Modulus>"
                    "<ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>");
        const auto e = hcp_error(hcp);
        CHECK(e.code == errc::signature_key_untrusted);
    }
    SECTION("two references") {
        const auto begin = p.hcp.find("<ds:Reference");
        const auto end = p.hcp.find("</ds:Reference>") + std::string("</ds:Reference>").size();
        const std::string reference = p.hcp.substr(begin, end - begin);
        const auto e =
            hcp_error(replace(p.hcp, "</ds:SignedInfo>", reference + "</ds:SignedInfo>"));
        CHECK(e.code == errc::signature_binding_invalid);
    }
    SECTION("an external reference URI") {
        const auto e = hcp_error(replace(p.hcp, std::string("URI=\"#") + h.hcp_id + "\"",
                                         "URI=\"file:///etc/hostname\""));
        CHECK(e.code == errc::signature_binding_invalid);
    }
}
