// Test that the header is self-contained.
#include "gateway/ihe/xdr_request.hpp"

#include <catch2/catch.hpp>

#include "gateway/soap/request.hpp"
#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
using ncpeh::errc;

namespace {

/// A real ITI-41 body from ../shared.
std::string real_sample(const std::string& name) {
    return ncpeh::testing::read_file(ncpeh::testing::peer_samples_dir() / "soap" / name);
}

/// Our own Finnish ITI-41 body (samples/foreign-ncp/requests), prefixed rim:, and its eD.
std::string own_submission() {
    return ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() /
                                     "xdr-edispensation.body.xml");
}
std::string own_edispensation() {
    return ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "edispensation.xml");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

ncpeh::result<ihe::xdr_submission> parse(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return ihe::parse_xdr_request(doc->root(), nullptr);
}

/// The CDA root element and its first id, checked by parsing the bytes.
void check_cda(const std::string& bytes, const std::string& root, const std::string& extension) {
    auto cda = xml::parse_document(bytes);
    REQUIRE(cda.has_value());
    REQUIRE(xml::is_element(cda->root(), "urn:hl7-org:v3", "ClinicalDocument"));
    const xmlNode* id = xml::first_child(cda->root(), "urn:hl7-org:v3", "id");
    REQUIRE(id != nullptr);
    CHECK(xml::attribute(*id, "root") == root);
    CHECK(xml::attribute(*id, "extension") == extension);
}

const std::string own_entry = "urn:uuid:6d0f4c3e-4141-4000-8000-000000000041";
const std::string dispensation_format = R"(nodeRepresentation="urn:epSOS:ep:dis:2010")";

}  // namespace

TEST_CASE("our own Finnish eDispensation submission parses with its inline CDA") {
    auto submission = parse(own_submission());
    REQUIRE(submission.has_value());
    CHECK(submission->kind == ihe::submission_kind::dispensation);
    CHECK(submission->entry_id == own_entry);
    CHECK(submission->format_code == "urn:epSOS:ep:dis:2010");
    CHECK(submission->class_code ==
          ihe::coded_value{"60593-1", "2.16.840.1.113883.6.1", "eDispensation"});
    CHECK(submission->source_patient.id == ihe::patient_id{"1.2.752.129.2.1.3.1", "191212121212"});
    CHECK_FALSE(submission->source_patient.root_extension_swapped);
    CHECK(submission->creation_time == "20261123130500");
    CHECK(submission->language_code == "fi-FI");
    CHECK(submission->entry_unique_id == "2.999.246.1.5.1.900000001");
    CHECK(submission->submission_set_unique_id == "2.999.246.1.5.1.900000001");
    REQUIRE(submission->documents.size() == 1);
    CHECK(submission->documents[0].id == own_entry);
    CHECK(submission->entry_document() == own_edispensation());
    check_cda(submission->entry_document(), "2.999.246.1.5.9", "900000001.eD");
}

TEST_CASE("the real Finnish eDispensation submission parses with its inline CDA") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto submission = parse(real_sample("xdr-edispensation-fi.body.xml"));
    REQUIRE(submission.has_value());
    CHECK(submission->kind == ihe::submission_kind::dispensation);
    CHECK(submission->entry_id == "urn:uuid:d58667af-3863-4c76-97fa-52a9d447ddac");
    CHECK(submission->format_code == "urn:epSOS:ep:dis:2010");
    CHECK(submission->class_code.code == "60593-1");
    CHECK(submission->class_code.scheme == "2.16.840.1.113883.6.1");
    CHECK(submission->source_patient.id ==
          ihe::patient_id{"2.16.840.1.113883.2.9.4.3.2", "NTSDTT80A18G273W"});
    CHECK_FALSE(submission->source_patient.root_extension_swapped);
    CHECK(submission->creation_time == "20131011121736");
    CHECK(submission->language_code == "en");
    CHECK(submission->entry_unique_id == "1.2.246.556.12001.4.93.2.1.1381483055949");
    CHECK(submission->submission_set_unique_id == "1.2.246.556.12001.4.93.2.1.1381483055949");
    REQUIRE(submission->documents.size() == 1);
    CHECK(submission->documents[0].id == submission->entry_id);
    CHECK(submission->entry_document().size() == 20700);
    check_cda(submission->entry_document(), "1.2.246.556.12001.4.93.2.1", "1381483055949");
}

TEST_CASE("the real Swedish submission parses: swapped CX flagged, CDA decoded") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto submission = parse(real_sample("xdr-edispensation-se.body.xml"));
    REQUIRE(submission.has_value());
    CHECK(submission->kind == ihe::submission_kind::dispensation);
    CHECK(submission->entry_id == "urn:uuid:12320d73-b7b3-44f0-8a54-412eb00d199b");
    CHECK(submission->source_patient.id == ihe::patient_id{"2.16.17.710.811", "199604092388"});
    CHECK(submission->source_patient.root_extension_swapped);
    CHECK(submission->creation_time == "20121010031741");
    CHECK(submission->entry_unique_id == "1234");
    CHECK(submission->submission_set_unique_id ==
          "1.2.40.0.13.1.1.81.21.242.182.20120421201035552.33123");
    check_cda(submission->entry_document(), "1.2.752.129.2.1.2.1", "5.207420676");
}

TEST_CASE("the discard formatCode is a discard") {
    auto text = replaced(own_submission(), dispensation_format,
                         R"(nodeRepresentation="urn:eHDSI:ed:discard:2020")");
    text = replaced(text, R"(nodeRepresentation="60593-1")",
                    R"(nodeRepresentation="DISCARD-60593-1")");
    auto submission = parse(text);
    REQUIRE(submission.has_value());
    CHECK(submission->kind == ihe::submission_kind::discard);
    CHECK(submission->class_code.code == "DISCARD-60593-1");
}

TEST_CASE("an unknown or differently cased formatCode is 4202") {
    for (const std::string format :
         {"urn:epsos:ep:dis:2010", "urn:epsos:ep:pre:2010", "urn:ehdsi:ed:discard:2020", ""}) {
        INFO(format);
        auto submission = parse(replaced(own_submission(), dispensation_format,
                                         "nodeRepresentation=\"" + format + "\""));
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::class_code_not_supported);
        CHECK(ncpeh::ehdsi_code(submission.error().code) == "4202");
        CHECK(submission.error().context_value("format_code") == format);
    }
}

TEST_CASE("a submission arriving as MTOM resolves xop:Include to the attachment") {
    const std::string cda = own_edispensation();
    std::string body = own_submission();
    const auto open = body.find("<xdr:Document id=");
    const auto content = body.find('>', open) + 1;
    const auto close = body.find("</xdr:Document>");
    body.replace(
        content, close - content,
        R"(<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:urn%3Auuid%3A6d0f4c3e-4141-4000-8000-000000000041"/>)");
    body.erase(0, body.find("<xdr:ProvideAndRegisterDocumentSetRequest"));
    const std::string envelope =
        R"(<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><e:Header><a:Action>urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b</a:Action></e:Header><e:Body>)" +
        body + "</e:Body></e:Envelope>";
    const std::string mime =
        "--B\r\nContent-Type: application/xop+xml; type=\"application/soap+xml\"\r\n"
        "Content-ID: <root>\r\n\r\n" +
        envelope +
        "\r\n--B\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\n"
        "Content-ID: <urn:uuid:6d0f4c3e-4141-4000-8000-000000000041>\r\n\r\n" +
        cda + "\r\n--B--\r\n";
    auto request = soap::decode_request(
        R"(multipart/related; boundary=B; type="application/xop+xml"; start="<root>"; start-info="application/soap+xml")",
        mime, {});
    REQUIRE(request.has_value());
    auto submission = ihe::parse_xdr_request(request->envelope.body_root(), request->attachments());
    REQUIRE(submission.has_value());
    CHECK(submission->entry_document() == cda);
    check_cda(submission->entry_document(), "2.999.246.1.5.9", "900000001.eD");

    auto plain = ihe::parse_xdr_request(request->envelope.body_root(), nullptr);
    REQUIRE_FALSE(plain.has_value());
    CHECK(plain.error().code == errc::mtom_malformed);
}

TEST_CASE("inconsistent or incomplete submissions are refused") {
    const std::string own = own_submission();
    SECTION("Document id without ExtrinsicObject") {
        auto submission = parse(replaced(own, R"(<xdr:Document id="urn:uuid:6d0f4c3e)",
                                         R"(<xdr:Document id="urn:uuid:99999999)"));
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::ihe_request_invalid);
        CHECK(submission.error().context_value("document_id").starts_with("urn:uuid:99999999"));
    }
    SECTION("ExtrinsicObject without Document") {
        auto text = own;
        text.erase(text.find("<xdr:Document "),
                   text.find("</xdr:Document>") + 15 - text.find("<xdr:Document "));
        auto submission = parse(text);
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::ihe_request_invalid);
        CHECK(submission.error().context_value("document_id") == own_entry);
    }
    SECTION("no sourcePatientId") {
        auto submission = parse(replaced(own, R"(<rim:Slot name="sourcePatientId">)",
                                         R"(<rim:Slot name="otherPatientId">)"));
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::ihe_request_invalid);
        CHECK(submission.error().context_value("element") == "sourcePatientId");
    }
    SECTION("malformed sourcePatientId") {
        auto submission = parse(
            replaced(own, "<rim:Value>191212121212^^^&amp;1.2.752.129.2.1.3.1&amp;ISO</rim:Value>",
                     "<rim:Value>191212121212</rim:Value>"));
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::ihe_request_invalid);
        CHECK(submission.error().context_value("slot") == "sourcePatientId");
    }
    SECTION("no formatCode") {
        auto submission = parse(replaced(own, "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
                                         "urn:uuid:00000000-386c-46f2-b5ad-9c3699a4309d"));
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().context_value("element") == "formatCode");
    }
    SECTION("no SubmissionSet uniqueId") {
        auto submission = parse(replaced(own, "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",
                                         "urn:uuid:00000000-d067-4183-912e-bf5ee74998a8"));
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().context_value("element") == "RegistryPackage");
    }
    SECTION("bad inline base64") {
        auto text = own;
        text[text.find('>', text.find("<xdr:Document id=")) + 1] = '*';
        auto submission = parse(text);
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::mtom_malformed);
    }
    SECTION("not a submission") {
        auto submission =
            parse(R"(<ProvideAndRegisterDocumentSetRequest xmlns="urn:ihe:iti:xds-b:2007"/>)");
        REQUIRE_FALSE(submission.has_value());
        CHECK(submission.error().code == errc::ihe_request_invalid);
    }
}
