// Test that the header is self-contained.
#include "gateway/soap/response.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/soap/multipart.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

TEST_CASE("message ids are random (version 4) UUID URNs in lower case") {
    const std::regex shape(
        "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (int i = 0; i < 100; ++i) {
        const std::string id = soap::make_uuid_urn();
        INFO(id);
        REQUIRE(std::regex_match(id, shape));
    }
}

TEST_CASE("message ids do not repeat across random blocks and threads") {
    // 4,000 ids per thread draw 64,000 bytes each: well past many 512-byte blocks.
    constexpr int per_thread = 4000;
    std::vector<std::vector<std::string>> drawn(4);
    std::vector<std::thread> threads;
    for (auto& ids : drawn) {
        threads.emplace_back([&ids] {
            for (int i = 0; i < per_thread; ++i) {
                ids.push_back(soap::make_uuid_urn());
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    std::set<std::string> distinct;
    for (const auto& ids : drawn) {
        distinct.insert(ids.begin(), ids.end());
    }
    CHECK(distinct.size() == 4 * per_thread);
}

TEST_CASE("the envelope carries the addressing headers, escaped") {
    soap::response_addressing headers;
    headers.action = "urn:ihe:iti:2007:CrossGatewayRetrieveResponse";
    headers.relates_to = "urn:uuid:a<b";
    headers.message_id = "urn:uuid:00000000-0000-4000-8000-000000000000";
    const std::string envelope = soap::write_envelope(headers, "<x/>");
    CHECK(envelope.find("<wsa:RelatesTo>urn:uuid:a&lt;b</wsa:RelatesTo>") != std::string::npos);
    CHECK(envelope.find("<wsa:MessageID>urn:uuid:00000000-0000-4000-8000-000000000000"
                        "</wsa:MessageID>") != std::string::npos);
    CHECK(envelope.find("<env:Body><x/></env:Body>") != std::string::npos);
}

namespace {

/// An ITI-39 answer whose document is `content`: an xop:Include (MTOM) or base64 (plain SOAP).
std::string retrieve_answer(
    std::string_view content =
        R"(<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:doc-1"/>)") {
    soap::response_addressing headers;
    headers.action = "urn:ihe:iti:2007:CrossGatewayRetrieveResponse";
    headers.relates_to = "urn:uuid:11111111-2222-4333-8444-555555555555";
    headers.message_id = "urn:uuid:99999999-2222-4333-8444-555555555555";
    return soap::write_envelope(
        headers,
        R"(<xds:RetrieveDocumentSetResponse xmlns:xds="urn:ihe:iti:xds-b:2007"><xds:DocumentResponse><xds:Document>)" +
            std::string(content) +
            "</xds:Document></xds:DocumentResponse></xds:RetrieveDocumentSetResponse>");
}

}  // namespace

TEST_CASE("a plain SOAP 1.2 answer is decoded with its RelatesTo") {
    auto decoded = soap::decode_response("application/soap+xml; charset=UTF-8",
                                         retrieve_answer("JVBERi0="), {});
    REQUIRE(decoded.has_value());
    CHECK_FALSE(decoded->mime.has_value());
    CHECK(decoded->envelope.headers().action == "urn:ihe:iti:2007:CrossGatewayRetrieveResponse");
    CHECK(decoded->envelope.headers().relates_to ==
          "urn:uuid:11111111-2222-4333-8444-555555555555");
    CHECK(xml::is_element(decoded->envelope.body_root(), ns::xds, "RetrieveDocumentSetResponse"));
}

TEST_CASE("an MTOM answer is decoded with its parts") {
    const auto message =
        soap::write_mtom(retrieve_answer(), "urn:ihe:iti:2007:CrossGatewayRetrieveResponse",
                         {{"application/pdf", "doc-1", "%PDF-1.4 fictional"}});
    auto decoded = soap::decode_response(message.content_type, message.body, {});
    REQUIRE(decoded.has_value());
    REQUIRE(decoded->attachments() != nullptr);
    const soap::mime_part* part = decoded->attachments()->find("doc-1");
    REQUIRE(part != nullptr);
    CHECK(part->body == "%PDF-1.4 fictional");
    CHECK(decoded->envelope.headers().relates_to ==
          "urn:uuid:11111111-2222-4333-8444-555555555555");
}

TEST_CASE("answers that are not SOAP 1.2 are refused with the reason") {
    auto html = soap::decode_response("text/html", "<html>busy</html>", {});
    REQUIRE_FALSE(html.has_value());
    CHECK(html.error().code == errc::soap_malformed);

    auto soap11 = soap::decode_response(
        "application/soap+xml",
        R"(<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x xmlns="urn:x"/></s:Body></s:Envelope>)",
        {});
    REQUIRE_FALSE(soap11.has_value());
    CHECK(soap11.error().code == errc::soap_version_mismatch);

    auto soap11_by_type = soap::decode_response("text/xml", retrieve_answer(), {});
    REQUIRE_FALSE(soap11_by_type.has_value());
    CHECK(soap11_by_type.error().code == errc::soap_version_mismatch);

    auto garbage = soap::decode_response("application/soap+xml", "not xml at all <", {});
    REQUIRE_FALSE(garbage.has_value());
    CHECK(garbage.error().code == errc::xml_malformed);

    auto broken_mime = soap::decode_response("multipart/related; boundary=zz", "no parts", {});
    REQUIRE_FALSE(broken_mime.has_value());
    CHECK(broken_mime.error().code == errc::mtom_malformed);
}

TEST_CASE("an answer above the parser's byte limit is not parsed") {
    ncpeh::trust::xml::parse_limits limits;
    limits.max_bytes = 100;
    auto decoded = soap::decode_response("application/soap+xml", retrieve_answer(), limits);
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().code == errc::xml_too_large);
}
