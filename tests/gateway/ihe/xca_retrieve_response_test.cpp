// Test that the header is self-contained.
#include "gateway/ihe/xca_retrieve_response.hpp"

#include <catch2/catch.hpp>

#include "gateway/soap/request.hpp"
#include "gateway/soap/xop.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

constexpr std::string_view xds = ns::xds;

/// One of our own golden L3 ePrescriptions (tests/translators/eprescription_l3/golden).
std::string cda(const std::string& name) {
    return ncpeh::testing::read_file(ncpeh::testing::source_dir() /
                                     "tests/translators/eprescription_l3/golden" / name);
}

soap::decoded_request decode(const soap::mtom_message& message) {
    auto request = soap::decode_request(message.content_type, message.body, {});
    REQUIRE(request.has_value());
    REQUIRE(request->mime.has_value());
    return std::move(*request);
}

std::string attr(const xmlNode* node, std::string_view name) {
    REQUIRE(node != nullptr);
    return std::string(xml::attribute(*node, name).value_or("<absent>"));
}

std::string text(const xmlNode& parent, std::string_view local) {
    const xmlNode* child = xml::first_child(parent, xds, local);
    REQUIRE(child != nullptr);
    return xml::text_of(*child);
}

const soap::response_addressing addressing{"", "urn:uuid:request-1", "urn:uuid:response-1"};

}  // namespace

TEST_CASE("a retrieve response is MTOM with each document as an attachment") {
    ihe::xca_retrieve_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    const std::string l3 = cda("amlodipin-tablett.l3.xml");
    const std::string l1 = cda("insulin-penna-utbyte-ej.l3.xml");
    response.documents.push_back(
        {{"urn:oid:1.2.752.221.3.1.1", "1.2.752.221.3.1.1.2", "RX1L3"}, "text/xml", l3});
    response.documents.push_back({{"", "1.2.752.221.3.1.1.2", "RX1L1"}, "text/xml", l1});
    const soap::mtom_message message = ihe::write_xca_retrieve_response(response, addressing);
    CHECK(message.content_type.starts_with("multipart/related;"));
    CHECK(message.content_type.find("action=\"urn:ihe:iti:2007:CrossGatewayRetrieveResponse\"") !=
          std::string::npos);

    const soap::decoded_request decoded = decode(message);
    CHECK(decoded.mime->parts.size() == 3);
    CHECK(decoded.envelope.headers().action == "urn:ihe:iti:2007:CrossGatewayRetrieveResponse");
    const xmlNode& root = decoded.envelope.body_root();
    REQUIRE(xml::is_element(root, xds, "RetrieveDocumentSetResponse"));
    CHECK(attr(xml::first_child(root, ns::rs, "RegistryResponse"), "status") ==
          "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
    const auto responses = xml::children(root, xds, "DocumentResponse");
    REQUIRE(responses.size() == 2);
    CHECK(text(*responses[0], "HomeCommunityId") == "urn:oid:1.2.752.221.3.1.1");
    CHECK(text(*responses[0], "RepositoryUniqueId") == "1.2.752.221.3.1.1.2");
    CHECK(text(*responses[0], "DocumentUniqueId") == "RX1L3");
    CHECK(text(*responses[0], "mimeType") == "text/xml");
    CHECK(text(*responses[1], "HomeCommunityId").empty());
    CHECK(text(*responses[1], "DocumentUniqueId") == "RX1L1");

    const xmlNode* document = xml::first_child(*responses[0], xds, "Document");
    REQUIRE(document != nullptr);
    REQUIRE(xml::first_child(*document, ns::xop, "Include") != nullptr);
    auto first = soap::binary_content(*document, decoded.attachments());
    REQUIRE(first.has_value());
    CHECK(*first == l3);
    auto second = soap::binary_content(*xml::first_child(*responses[1], xds, "Document"),
                                       decoded.attachments());
    REQUIRE(second.has_value());
    CHECK(*second == l1);
}

TEST_CASE("a retrieve error is still MTOM, Failure with the ebRS error and no DocumentResponse") {
    ihe::xca_retrieve_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.errors.push_back(ncpeh::make_error(
        errc::document_not_found, "ERROR_GENERIC_DOCUMENT_MISSING : no such document"));
    const soap::decoded_request decoded =
        decode(ihe::write_xca_retrieve_response(response, addressing));
    CHECK(decoded.mime->parts.size() == 1);
    const xmlNode& root = decoded.envelope.body_root();
    const xmlNode* registry = xml::first_child(root, ns::rs, "RegistryResponse");
    CHECK(attr(registry, "status") == "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
    const xmlNode* error =
        xml::find_path(*registry, {{ns::rs, "RegistryErrorList"}, {ns::rs, "RegistryError"}});
    CHECK(attr(error, "errorCode") == "XDSMissingDocument");
    CHECK(attr(error, "codeContext") == "ERROR_GENERIC_DOCUMENT_MISSING : no such document");
    CHECK(attr(error, "location") == "urn:oid:1.2.752.221.3.1.1");
    CHECK(xml::children(root, xds, "DocumentResponse").empty());
}

TEST_CASE("a document with an error still returned is PartialSuccess") {
    ihe::xca_retrieve_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.documents.push_back({{"", "1.2", "RX9L3"}, "text/xml", "<ClinicalDocument/>"});
    response.errors.push_back(ncpeh::make_error(errc::ep_missing_expected_mapping, "no mapping"));
    std::vector<soap::mime_part> attachments;
    const std::string body = ihe::write_xca_retrieve_response_body(response, attachments);
    REQUIRE(attachments.size() == 1);
    CHECK(attachments[0].body == "<ClinicalDocument/>");
    CHECK(attachments[0].content_type == "text/xml");
    CHECK(body.find("cid:" + attachments[0].content_id) != std::string::npos);
    auto doc = xml::parse_document(body);
    REQUIRE(doc.has_value());
    CHECK(attr(xml::first_child(doc->root(), ns::rs, "RegistryResponse"), "status") ==
          "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess");
}
