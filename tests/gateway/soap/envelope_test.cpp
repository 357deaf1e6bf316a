// Test that the header is self-contained.
#include "gateway/soap/envelope.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
using ncpeh::errc;

namespace {

std::string body_sample(const std::filesystem::path& file) {
    std::string text = ncpeh::testing::read_file(file);
    if (text.starts_with("<?xml")) {
        text.erase(0, text.find("?>") + 2);
    }
    return text;
}

/// An envelope with unusual prefixes, as OpenNCP (JAXB ns2…) and others send.
std::string wrap(const std::string& body, const std::string& action,
                 const std::string& extra_headers = "") {
    return R"(<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><S:Header>)"
           R"(<a:Action S:mustUnderstand="1">)" +
           action +
           R"(</a:Action><a:MessageID>urn:uuid:6e8d5a2c-1b1f-4c55-9d0e-0c2f7a1b2c3d</a:MessageID>)"
           R"(<a:To S:mustUnderstand="true">https://ncp.se.localhost/xca</a:To>)"
           R"(<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>)"
           R"(<ns5:Security xmlns:ns5="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"/>)" +
           extra_headers + "</S:Header><S:Body>" + body + "</S:Body></S:Envelope>";
}

ncpeh::error failure(const std::string& text) {
    auto env = soap::parse_envelope(text, {});
    REQUIRE_FALSE(env.has_value());
    return env.error();
}

}  // namespace

TEST_CASE("an XCA query body parses inside an envelope with foreign prefixes") {
    auto env = soap::parse_envelope(
        wrap(body_sample(ncpeh::testing::request_bodies_dir() / "xca-query-eprescription.body.xml"),
             "urn:ihe:iti:2007:CrossGatewayQuery"),
        {});
    REQUIRE(env.has_value());
    CHECK(env->headers().action == "urn:ihe:iti:2007:CrossGatewayQuery");
    CHECK(env->headers().message_id == "urn:uuid:6e8d5a2c-1b1f-4c55-9d0e-0c2f7a1b2c3d");
    CHECK(env->headers().to == "https://ncp.se.localhost/xca");
    CHECK(env->headers().reply_to == "http://www.w3.org/2005/08/addressing/anonymous");
    REQUIRE(env->security() != nullptr);
    CHECK(env->security_header_count() == 1);
    CHECK(ncpeh::trust::xml::is_element(
        env->body_root(), "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0", "AdhocQueryRequest"));
}

TEST_CASE("every request body of our own parses inside an envelope") {
    int bodies = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(ncpeh::testing::request_bodies_dir())) {
        if (!entry.path().string().ends_with(".body.xml")) {
            continue;
        }
        INFO(entry.path().filename().string());
        CHECK(soap::parse_envelope(wrap(body_sample(entry.path()), "urn:x"), {}).has_value());
        ++bodies;
    }
    CHECK(bodies == 4);
}

TEST_CASE("every real request body in ../shared parses inside an envelope") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    for (const char* name :
         {"xcpd-request.body.xml", "xca-query-eprescription.body.xml", "xca-retrieve.body.xml",
          "xdr-edispensation-fi.body.xml", "xdr-edispensation-se.body.xml"}) {
        INFO(name);
        CHECK(
            soap::parse_envelope(
                wrap(body_sample(ncpeh::testing::peer_samples_dir() / "soap" / name), "urn:x"), {})
                .has_value());
    }
}

TEST_CASE("a SOAP 1.1 envelope is a version mismatch") {
    const auto e = failure(
        R"(<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><x/></e:Body></e:Envelope>)");
    CHECK(e.code == errc::soap_version_mismatch);
}

TEST_CASE("envelope shape errors are precise") {
    CHECK(failure("<x/>").code == errc::soap_malformed);
    CHECK(
        failure(
            R"(<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header/></S:Envelope>)")
            .message == "envelope must have exactly one Body");
    const auto two = failure(wrap("<a/><b/>", "urn:x"));
    CHECK(two.message == "Body must contain exactly one element");
    CHECK(two.context_value("elements") == "2");
    CHECK(
        failure(
            R"(<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body><x/></S:Body></S:Envelope>)")
            .message == "the wsa:Action header is missing");
}

TEST_CASE("an unknown mustUnderstand header block is refused, known ones are fine") {
    const auto e = failure(wrap(
        "<x/>", "urn:x",
        R"(<t:Trace xmlns:t="urn:example:trace" xmlns:S="http://www.w3.org/2003/05/soap-envelope" S:mustUnderstand="1"/>)"));
    CHECK(e.code == errc::soap_must_understand);
    CHECK(e.context_value("element") == "Trace");
    CHECK(
        soap::parse_envelope(wrap("<x/>", "urn:x", R"(<t:Trace xmlns:t="urn:example:trace"/>)"), {})
            .has_value());
}

TEST_CASE("two wsse:Security headers are counted for the trust layer to refuse") {
    auto env = soap::parse_envelope(
        wrap(
            "<x/>", "urn:x",
            R"(<w:Security xmlns:w="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"/>)"),
        {});
    REQUIRE(env.has_value());
    CHECK(env->security_header_count() == 2);
}

TEST_CASE("the envelope goes through the hardened parser") {
    std::string text = wrap("<x>&x;</x>", "urn:x");
    text.insert(text.find("?>") + 2, "<!DOCTYPE S [<!ENTITY x \"y\">]>");
    const auto e = failure(text);
    CHECK(e.code == errc::xml_doctype_forbidden);
}
