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

// --- country B: reading a foreign NCP-A's answer ------------------------------------------------

namespace {

ncpeh::result<ihe::xca_retrieve_response> read_answer(const soap::mtom_message& message) {
    const soap::decoded_request decoded = decode(message);
    return ihe::parse_xca_retrieve_response(decoded.envelope.body_root(), decoded.attachments());
}

ncpeh::result<ihe::xca_retrieve_response> read_plain(const std::string& body) {
    auto doc = xml::parse_document(body);
    REQUIRE(doc.has_value());
    return ihe::parse_xca_retrieve_response(doc->root(), nullptr);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("our own MTOM retrieve response reads back with the documents' bytes",
          "[ihe][country-b]") {
    ihe::xca_retrieve_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    const std::string l3 = cda("amlodipin-tablett.l3.xml");
    const std::string pdf_bytes("%PDF-1.4\0\x01\xff binary", 18);
    response.documents.push_back(
        {{"urn:oid:1.2.752.221.3.1.1", "1.2.752.221.3.1.1.2", "RX1L3"}, "text/xml", l3});
    response.documents.push_back({{"urn:oid:1.2.752.221.3.1.1", "1.2.752.221.3.1.1.2", "RX1L1"},
                                  "application/pdf",
                                  pdf_bytes});
    response.errors.push_back(ncpeh::make_warning(errc::ep_missing_expected_mapping_warning, "w"));
    auto read = read_answer(ihe::write_xca_retrieve_response(response, addressing));
    REQUIRE(read.has_value());
    CHECK(read->status == ihe::response_status::success);
    CHECK(read->home_community_id == "1.2.752.221.3.1.1");
    REQUIRE(read->documents.size() == 2);
    CHECK(read->documents[0].request == response.documents[0].request);
    CHECK(read->documents[0].mime_type == "text/xml");
    CHECK(read->documents[0].content == l3);
    CHECK(read->documents[1].request.document_unique_id == "RX1L1");
    CHECK(read->documents[1].mime_type == "application/pdf");
    CHECK(read->documents[1].content == pdf_bytes);
    REQUIRE(read->errors.size() == 1);
    CHECK(read->errors[0].code == errc::ep_missing_expected_mapping_warning);
    CHECK(read->errors[0].level == ncpeh::severity::warning);
}

TEST_CASE("our own retrieve error reads back as Failure with the peer's code", "[ihe][country-b]") {
    ihe::xca_retrieve_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.errors.push_back(ncpeh::make_error(
        errc::document_not_found, "ERROR_GENERIC_DOCUMENT_MISSING : no such document"));
    auto read = read_answer(ihe::write_xca_retrieve_response(response, addressing));
    REQUIRE(read.has_value());
    CHECK(read->status == ihe::response_status::failure);
    CHECK(read->documents.empty());
    CHECK(read->home_community_id.empty());
    REQUIRE(read->errors.size() == 1);
    CHECK(read->errors[0].code == errc::document_not_found);
    CHECK(read->errors[0].message == "ERROR_GENERIC_DOCUMENT_MISSING : no such document");
    CHECK(read->errors[0].context_value("remote_code") == "XDSMissingDocument");
}

TEST_CASE("a plain SOAP retrieve answer with inline base64 is read", "[ihe][country-b]") {
    // OpenNCP-like JAXB prefixes, a comment before the root, base64 broken over lines.
    auto read = read_plain(R"(<!-- plain SOAP -->
<ns5:RetrieveDocumentSetResponse xmlns:ns5="urn:ihe:iti:xds-b:2007"
    xmlns:ns2="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
  <ns2:RegistryResponse status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess">
    <ns2:RegistryErrorList>
      <ns2:RegistryError errorCode="4203" codeContext="transcoding"
          severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error" location=""/>
    </ns2:RegistryErrorList>
  </ns2:RegistryResponse>
  <ns5:DocumentResponse>
    <ns5:RepositoryUniqueId>1.2.208.176.7.2.3</ns5:RepositoryUniqueId>
    <ns5:DocumentUniqueId>507397226156101L3</ns5:DocumentUniqueId>
    <ns5:mimeType>text/xml</ns5:mimeType>
    <ns5:Document>PENsaW5pY2FsRG9j
dW1lbnQvPg==</ns5:Document>
  </ns5:DocumentResponse>
</ns5:RetrieveDocumentSetResponse>)");
    REQUIRE(read.has_value());
    CHECK(read->status == ihe::response_status::partial_success);
    REQUIRE(read->documents.size() == 1);
    CHECK(read->documents[0].request.home_community_id.empty());
    CHECK(read->documents[0].request.repository_unique_id == "1.2.208.176.7.2.3");
    CHECK(read->documents[0].content == "<ClinicalDocument/>");
    REQUIRE(read->errors.size() == 1);
    CHECK(read->errors[0].code == errc::foreign_ncp_refused);
    CHECK(read->errors[0].context_value("remote_code") == "4203");
}

TEST_CASE("retrieve answers that break the IHE shape are refused precisely", "[ihe][country-b]") {
    ihe::xca_retrieve_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.documents.push_back({{"", "1.2", "RX9L3"}, "text/xml", "<ClinicalDocument/>"});
    std::vector<soap::mime_part> attachments;
    const std::string good = ihe::write_xca_retrieve_response_body(response, attachments);
    const std::string document =
        good.substr(good.find("<xds:Document>"),
                    good.find("</xds:Document>") + 15 - good.find("<xds:Document>"));
    struct broken_case {
        std::string name;
        std::string text;
        std::string element;
    };
    for (const broken_case& c : std::vector<broken_case>{
             {"a DocumentResponse without Document", replaced(good, document, ""), "Document"},
             {"an xop:Include in plain SOAP", good, "Document"},
             {"bad base64", replaced(good, document, "<xds:Document>*not base64*</xds:Document>"),
              "Document"},
             {"no DocumentUniqueId",
              replaced(good, "<xds:DocumentUniqueId>RX9L3</xds:DocumentUniqueId>", ""),
              "DocumentUniqueId"},
             {"no RepositoryUniqueId",
              replaced(good, "<xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId>", ""),
              "RepositoryUniqueId"},
             {"no mimeType", replaced(good, "<xds:mimeType>text/xml</xds:mimeType>", ""),
              "mimeType"},
             {"no status",
              replaced(good,
                       R"( status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success")",
                       ""),
              "RegistryResponse"},
             {"no RegistryResponse",
              R"(<x:RetrieveDocumentSetResponse xmlns:x="urn:ihe:iti:xds-b:2007"/>)",
              "RegistryResponse"},
             {"a request instead of a response",
              R"(<x:RetrieveDocumentSetRequest xmlns:x="urn:ihe:iti:xds-b:2007"/>)",
              "RetrieveDocumentSetRequest"},
         }) {
        INFO(c.name);
        auto read = read_plain(c.text);
        REQUIRE_FALSE(read.has_value());
        CHECK(read.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(read.error().context_value("element") == c.element);
    }
    auto missing = read_plain(replaced(good, document, ""));
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message == "XCA retrieve response: a DocumentResponse has no Document");
    CHECK(missing.error().context_value("document_response") == "1");
}
