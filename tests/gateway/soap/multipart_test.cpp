// Test that the header is self-contained.
#include "gateway/soap/multipart.hpp"

#include <catch2/catch.hpp>

#include "gateway/soap/request.hpp"
#include "gateway/soap/xop.hpp"
#include "tests/support/test_files.hpp"
#include "trust/encoding/base64.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

const std::string envelope_head =
    R"(<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing"><soapenv:Header><wsa:Action>urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b</wsa:Action></soapenv:Header><soapenv:Body>)";
const std::string envelope_tail = "</soapenv:Body></soapenv:Envelope>";

/// An ITI-41 request as OpenNCP's XDR client packages it: MTOM, the eDispensation CDA as a
/// binary attachment whose Content-ID is the document id, referenced with a percent-encoded cid.
std::string openncp_style_mtom(const std::string& boundary, const std::string& cda,
                               const std::string& line_end = "\r\n") {
    const std::string soap_xml =
        envelope_head +
        R"(<ns3:ProvideAndRegisterDocumentSetRequest xmlns:ns3="urn:ihe:iti:xds-b:2007"><ns3:Document id="urn:uuid:0a1b2c3d-0000-4000-8000-000000000001"><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:urn%3Auuid%3A0a1b2c3d-0000-4000-8000-000000000001"/></ns3:Document></ns3:ProvideAndRegisterDocumentSetRequest>)" +
        envelope_tail;
    const std::string& n = line_end;
    return "--" + boundary + n +
           "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"" + n +
           "Content-Transfer-Encoding: binary" + n + "Content-ID: <0.root@apache.org>" + n + n +
           soap_xml + n + "--" + boundary + n + "Content-Type: text/xml" + n +
           "Content-Transfer-Encoding: binary" + n +
           "Content-ID: <urn:uuid:0a1b2c3d-0000-4000-8000-000000000001>" + n + n + cda + n + "--" +
           boundary + "--" + n;
}

std::string mtom_content_type(const std::string& boundary) {
    return "multipart/related; boundary=" + boundary +
           "; type=\"application/xop+xml\"; start=\"<0.root@apache.org>\"; "
           "start-info=\"application/soap+xml\"; "
           "action=\"urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b\"";
}

const xmlNode& document_element(const soap::decoded_request& request) {
    const xmlNode* document = xml::first_child(request.envelope.body_root(), ns::xds, "Document");
    REQUIRE(document != nullptr);
    return *document;
}

}  // namespace

TEST_CASE("Content-Type parameters are parsed with quotes and case folding") {
    auto type = soap::parse_content_type(
        R"(Multipart/Related; BOUNDARY="MIMEBoundary_a;b"; type="application/xop+xml"; start=<x@y>)");
    REQUIRE(type.has_value());
    CHECK(type->media_type == "multipart/related");
    CHECK(type->parameter("boundary") == "MIMEBoundary_a;b");
    CHECK(type->parameter("start") == "<x@y>");
    CHECK(type->parameter("missing").empty());
    CHECK_FALSE(soap::parse_content_type("garbage").has_value());
    CHECK_FALSE(soap::parse_content_type(R"(multipart/related; boundary="open)").has_value());
}

TEST_CASE("an OpenNCP-style MTOM ITI-41 request yields the eDispensation bytes") {
    const std::string cda =
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "edispensation.xml");
    for (const std::string line_end : {"\r\n", "\n"}) {
        INFO("line end size " << line_end.size());
        const std::string boundary = "MIMEBoundary_urn_uuid_5A1B";
        auto request = soap::decode_request(mtom_content_type(boundary),
                                            openncp_style_mtom(boundary, cda, line_end), {});
        REQUIRE(request.has_value());
        REQUIRE(request->mime.has_value());
        CHECK(request->mime->parts.size() == 2);
        CHECK(request->mime->root == 0);
        CHECK(request->envelope.headers().action ==
              "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b");
        auto bytes = soap::binary_content(document_element(*request), request->attachments());
        REQUIRE(bytes.has_value());
        CHECK(*bytes == cda);
    }
}

TEST_CASE("an ITI-41 body with inline base64 yields a CDA document") {
    std::string body = ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() /
                                                 "xdr-edispensation.body.xml");
    body.erase(0, body.find("?>") == std::string::npos ? 0 : body.find("?>") + 2);
    auto request = soap::decode_request("application/soap+xml; charset=UTF-8",
                                        envelope_head + body + envelope_tail, {});
    REQUIRE(request.has_value());
    CHECK_FALSE(request->mime.has_value());
    auto bytes = soap::binary_content(document_element(*request), nullptr);
    REQUIRE(bytes.has_value());
    auto cda = xml::parse_document(*bytes);
    REQUIRE(cda.has_value());
    CHECK(xml::is_element(cda->root(), "urn:hl7-org:v3", "ClinicalDocument"));
}

TEST_CASE("write_mtom output parses back to the same parts") {
    const std::string soap_xml = envelope_head + "<x/>" + envelope_tail;
    const auto message = soap::write_mtom(soap_xml, "urn:ihe:iti:2007:CrossGatewayRetrieveResponse",
                                          {{"text/xml", "doc-1@ncpeh", "<ClinicalDocument/>"}});
    auto type = soap::parse_content_type(message.content_type);
    REQUIRE(type.has_value());
    CHECK(type->parameter("action") == "urn:ihe:iti:2007:CrossGatewayRetrieveResponse");
    CHECK(type->parameter("type") == "application/xop+xml");
    auto parsed = soap::parse_multipart_related(*type, message.body);
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->parts.size() == 2);
    CHECK(parsed->root_part().body == soap_xml);
    REQUIRE(parsed->find("doc-1@ncpeh") != nullptr);
    CHECK(parsed->find("doc-1@ncpeh")->body == "<ClinicalDocument/>");
}

TEST_CASE("malformed MTOM is rejected with mtom_malformed") {
    const std::string boundary = "b1";
    const std::string good = openncp_style_mtom(boundary, "<x/>");
    auto parse = [](const std::string& type, const std::string& body) {
        return soap::decode_request(type, body, {});
    };
    SECTION("no boundary parameter") {
        auto r = parse("multipart/related; type=\"application/xop+xml\"", good);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::mtom_malformed);
    }
    SECTION("missing close delimiter") {
        auto r = parse(mtom_content_type(boundary), good.substr(0, good.rfind("--b1--")));
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message == "multipart body ends without a closing boundary");
    }
    SECTION("start names a missing part") {
        auto r = parse("multipart/related; boundary=b1; start=\"<nope>\"", good);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message == "the start part named in Content-Type is missing");
    }
    SECTION("xop:Include names a missing part") {
        std::string body = good;
        body.replace(body.find("Content-ID: <urn:uuid"), 22, "Content-ID: <other:uui");
        auto r = parse(mtom_content_type(boundary), body);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::mtom_malformed);
        CHECK(r.error().message == "xop:Include names a missing MIME part");
        CHECK(r.error().context_value("href") ==
              "cid:urn%3Auuid%3A0a1b2c3d-0000-4000-8000-000000000001");
    }
    SECTION("xop:Include names a missing part where no reader looks") {
        std::string body = good;
        body.replace(
            body.find("</ns3:ProvideAndRegisterDocumentSetRequest>"), 0,
            R"(<x xmlns:xop="http://www.w3.org/2004/08/xop/include"><xop:Include href="cid:gone"/></x>)");
        auto r = parse(mtom_content_type(boundary), body);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message == "xop:Include names a missing MIME part");
    }
    SECTION("two parts share a Content-ID") {
        std::string body = good;
        const std::string attachment = body.substr(body.find("--b1\r\nContent-Type: text/xml"));
        body.insert(body.rfind("--b1--"), attachment.substr(0, attachment.rfind("--b1--")));
        auto r = parse(mtom_content_type(boundary), body);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::mtom_malformed);
        CHECK(r.error().message ==
              "two multipart parts share the Content-ID "
              "<urn:uuid:0a1b2c3d-0000-4000-8000-000000000001>");
    }
    SECTION("quoted-printable is not accepted") {
        std::string body = good;
        body.replace(body.find("binary"), 6, "quoted-printable");
        auto r = parse(mtom_content_type(boundary), body);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message == "unsupported Content-Transfer-Encoding quoted-printable");
    }
}

TEST_CASE("inline content that is not base64 and xop:Include in plain SOAP are refused") {
    auto plain = soap::decode_request(
        "application/soap+xml",
        envelope_head +
            R"(<r xmlns:x="urn:ihe:iti:xds-b:2007"><x:Document>@@notbase64@@</x:Document></r>)" +
            envelope_tail,
        {});
    REQUIRE(plain.has_value());
    auto bytes = soap::binary_content(document_element(*plain), nullptr);
    REQUIRE_FALSE(bytes.has_value());
    CHECK(bytes.error().code == errc::mtom_malformed);
    auto include = soap::decode_request(
        "application/soap+xml",
        envelope_head +
            R"(<r xmlns:x="urn:ihe:iti:xds-b:2007"><x:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:a"/></x:Document></r>)" +
            envelope_tail,
        {});
    REQUIRE_FALSE(include.has_value());
    CHECK(include.error().message == "xop:Include in a message that has no MIME parts");
    CHECK(soap::content_id_of_cid_url("cid:a%2").has_value() == false);
    CHECK(soap::content_id_of_cid_url("http://x").has_value() == false);
    CHECK(soap::content_id_of_cid_url("CID:a%40b").value() == "a@b");
}

TEST_CASE("SOAP 1.1 and unknown content types are refused") {
    auto v11 = soap::decode_request("text/xml; charset=utf-8", "<x/>", {});
    REQUIRE_FALSE(v11.has_value());
    CHECK(v11.error().code == errc::soap_version_mismatch);
    auto json = soap::decode_request("application/json", "{}", {});
    REQUIRE_FALSE(json.has_value());
    CHECK(json.error().code == errc::soap_malformed);
}
