// Test that the header is self-contained.
#include "gateway/soap/request.hpp"

#include <catch2/catch.hpp>

#include "gateway/soap/security_header.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

const std::string body =
    R"(<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>)";

soap::addressing request_headers() {
    soap::addressing headers;
    headers.action = "urn:ihe:iti:2007:CrossGatewayQuery";
    headers.message_id = "urn:uuid:6d0f4c3e-0000-4000-8000-00000000abcd";
    headers.to = "https://ncp.fi.localhost/xca?a=1&b=2";
    headers.reply_to = std::string(soap::anonymous_address);
    return headers;
}

}  // namespace

TEST_CASE("a request envelope carries the WS-Addressing headers peers expect, escaped") {
    const std::string text = soap::write_request_envelope(request_headers(), "", body);
    auto env = soap::parse_envelope(text, {});
    REQUIRE(env.has_value());
    CHECK(env->headers().action == "urn:ihe:iti:2007:CrossGatewayQuery");
    CHECK(env->headers().message_id == "urn:uuid:6d0f4c3e-0000-4000-8000-00000000abcd");
    CHECK(env->headers().to == "https://ncp.fi.localhost/xca?a=1&b=2");
    CHECK(env->headers().reply_to == "http://www.w3.org/2005/08/addressing/anonymous");
    CHECK(env->security() == nullptr);
    CHECK(xml::is_element(env->body_root(), ns::query, "AdhocQueryRequest"));
    // Action is the one header marked mustUnderstand (ehdsi-protocol.md §1).
    const xmlNode* action = xml::first_child(*env->header(), ns::wsa, "Action");
    REQUIRE(action != nullptr);
    CHECK(xml::attribute(*action, ns::soap12, "mustUnderstand") == "1");
    const xmlNode* to = xml::first_child(*env->header(), ns::wsa, "To");
    REQUIRE(to != nullptr);
    CHECK_FALSE(xml::attribute(*to, ns::soap12, "mustUnderstand").has_value());
    CHECK(text.find("a=1&amp;b=2") != std::string::npos);
}

TEST_CASE("headers left empty are not written") {
    soap::addressing headers;
    headers.action = "urn:ihe:iti:2007:CrossGatewayRetrieve";
    const std::string text = soap::write_request_envelope(headers, "", body);
    CHECK(text.find("MessageID") == std::string::npos);
    CHECK(text.find("wsa:To") == std::string::npos);
    CHECK(text.find("ReplyTo") == std::string::npos);
    auto env = soap::parse_envelope(text, {});
    REQUIRE(env.has_value());
    CHECK(env->headers().message_id.empty());
}

TEST_CASE("the security header goes into the envelope byte for byte") {
    // Odd but legal serialisation a re-serialiser would change: attribute quotes, whitespace,
    // a namespace declared where it is used.
    const std::vector<std::string> assertions = {
        "<saml2:Assertion xmlns:saml2='urn:oasis:names:tc:SAML:2.0:assertion' ID='_a1'  "
        "Version='2.0'>\n  <saml2:Issuer NameQualifier='urn:ehdsi:assertions:hcp'>x</saml2:Issuer>"
        "</saml2:Assertion>",
        "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a2\"/>"};
    const std::string security = soap::write_security_header(assertions);
    CHECK(security.starts_with("<wsse:Security xmlns:wsse=\"" + std::string(ns::wsse) + "\">"));
    CHECK(security.find("mustUnderstand") == std::string::npos);
    CHECK(security.find(assertions[0] + assertions[1] + "</wsse:Security>") != std::string::npos);

    const std::string text = soap::write_request_envelope(request_headers(), security, body);
    CHECK(text.find(security) != std::string::npos);
    auto env = soap::parse_envelope(text, {});
    REQUIRE(env.has_value());
    REQUIRE(env->security() != nullptr);
    CHECK(env->security_header_count() == 1);
    CHECK(xml::children(*env->security(), ns::saml, "Assertion").size() == 2);
}

TEST_CASE("an empty list of assertions gives an empty Security header") {
    CHECK(soap::write_security_header({}) ==
          "<wsse:Security xmlns:wsse=\"" + std::string(ns::wsse) + "\"></wsse:Security>");
}

TEST_CASE("a request without wsa:Action is refused, an answer without one is not") {
    const std::string text =
        R"(<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><x xmlns="urn:x"/></e:Body></e:Envelope>)";
    auto request = soap::decode_request("application/soap+xml", text, {});
    REQUIRE_FALSE(request.has_value());
    CHECK(request.error().code == errc::soap_malformed);
    auto answer = soap::parse_response_envelope(text, {});
    REQUIRE(answer.has_value());
    CHECK(answer->headers().action.empty());
}
