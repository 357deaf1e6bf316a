// Test that the header is self-contained.
#include "gateway/ihe/xdr_request.hpp"

#include <catch2/catch.hpp>

#include "gateway/ihe/registry_object.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/soap/request.hpp"
#include "tests/gateway/ihe/xml_shape.hpp"
#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
namespace shape = ncpeh::testing::ihe_shape;
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

// --- country B: the submission we send ---------------------------------------------------------

namespace {

/// A Swedish pharmacy's eDispensation for a Danish prescription (fictional people and ids).
ihe::xdr_submission swedish_dispensation() {
    ihe::xdr_submission s;
    s.kind = ihe::submission_kind::dispensation;
    s.entry_id = "urn:uuid:3f2e1d0c-4141-4000-8000-000000000041";
    s.source_patient.id = {"1.2.208.176.1.2", "0101010000"};
    s.creation_time = "20261207131500";
    s.language_code = "sv-SE";
    s.entry_unique_id = "1.2.752.221.3.1.1.5^900000001";
    s.submission_set_unique_id = "1.2.752.221.3.1.1.5.900000001";
    s.source_patient_info = {"PID-3|0101010000^^^&1.2.208.176.1.2&ISO", "PID-5|Testesen^Testa",
                             "PID-7|19010101", "PID-8|F"};
    s.source_id = "1.2.752.221.3.1.1";
    s.author_institution = "Testapoteket^^^^^^^^^1.2.752.221.3.1.1.7";
    s.author_person = "^Apotekare^Test^^^^^^&1.2.752.221.3.1.1.7&ISO";
    s.documents = {{s.entry_id, "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>"}};
    return s;
}

/// The written body parsed, with the attachments as the MTOM parts of the message.
struct written_submission {
    xml::document body;
    ncpeh::gateway::soap::multipart_related parts;
};

written_submission write(const ihe::xdr_submission& s) {
    std::vector<soap::mime_part> attachments;
    auto body = xml::parse_document(ihe::write_xdr_request_body(s, attachments));
    REQUIRE(body.has_value());
    soap::multipart_related parts;
    parts.parts = std::move(attachments);
    return {std::move(*body), std::move(parts)};
}

}  // namespace

TEST_CASE("the eDispensation submission we write reads back field for field", "[ihe][country-b]") {
    const ihe::xdr_submission sent = swedish_dispensation();
    const written_submission written = write(sent);
    REQUIRE(written.parts.parts.size() == 1);
    CHECK(written.parts.parts[0].content_type == "text/xml");
    CHECK(written.parts.parts[0].body == sent.documents[0].content);
    const xmlNode* document = xml::first_child(written.body.root(), ns::xds, "Document");
    REQUIRE(document != nullptr);
    REQUIRE(xml::first_child(*document, ns::xop, "Include") != nullptr);

    auto read = ihe::parse_xdr_request(written.body.root(), &written.parts);
    REQUIRE(read.has_value());
    CHECK(read->kind == ihe::submission_kind::dispensation);
    CHECK(read->entry_id == sent.entry_id);
    CHECK(read->format_code == "urn:epSOS:ep:dis:2010");
    CHECK(read->class_code ==
          ihe::coded_value{"60593-1", "2.16.840.1.113883.6.1", "Medication dispensed"});
    CHECK(read->type_code == ihe::coded_value{"60593-1", "2.16.840.1.113883.6.1", "eDispensation"});
    CHECK(read->source_patient.id == sent.source_patient.id);
    CHECK_FALSE(read->source_patient.root_extension_swapped);
    CHECK(read->creation_time == "20261207131500");
    CHECK(read->language_code == "sv-SE");
    CHECK(read->entry_unique_id == "1.2.752.221.3.1.1.5^900000001");
    CHECK(read->submission_set_unique_id == "1.2.752.221.3.1.1.5.900000001");
    CHECK(read->confidentiality_code == ihe::coded_value{"N", "2.16.840.1.113883.5.25", "Normal"});
    CHECK(read->healthcare_facility_type_code == ihe::coded_value{"SE", "1.0.3166.1", "Sweden"});
    CHECK(read->practice_setting_code ==
          ihe::coded_value{"Not Used", "eHDSI Practice Setting Codes-Not Used", "Not Used"});
    CHECK(read->source_patient_info == sent.source_patient_info);
    CHECK(read->submission_time == "20261207131500");  // creation_time when not given
    CHECK(read->source_id == "1.2.752.221.3.1.1");
    CHECK(read->author_institution == sent.author_institution);
    CHECK(read->author_person == sent.author_person);
    CHECK(read->documents == sent.documents);
    CHECK(read->entry_document() == "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>");
}

TEST_CASE("the submission we write carries the SubmissionSet metadata OpenNCP reads",
          "[ihe][country-b]") {
    const ihe::xdr_submission sent = swedish_dispensation();
    const written_submission written = write(sent);
    const xmlNode* list = xml::find_path(
        written.body.root(), {{ns::lcm, "SubmitObjectsRequest"}, {ns::rim, "RegistryObjectList"}});
    REQUIRE(list != nullptr);
    const xmlNode* entry = xml::first_child(*list, ns::rim, "ExtrinsicObject");
    REQUIRE(entry != nullptr);
    CHECK(xml::attribute(*entry, "mimeType") == "text/xml");
    CHECK(xml::attribute(*entry, "objectType") == ihe::xds_id::stable_document_entry);
    CHECK(xml::attribute(*entry, "status") == ihe::xds_id::status_approved);
    CHECK(ihe::external_identifier(*entry, ihe::xds_id::entry_patient_id) ==
          "0101010000^^^&1.2.208.176.1.2&ISO");
    const xmlNode* package = xml::first_child(*list, ns::rim, "RegistryPackage");
    REQUIRE(package != nullptr);
    const std::string package_id(xml::attribute(*package, "id").value_or(""));
    CHECK(package_id.starts_with("urn:uuid:"));
    CHECK(xml::attribute(*package, "objectType") == ihe::xds_id::submission_set);
    CHECK(ihe::external_identifier(*package, ihe::xds_id::submission_set_patient_id) ==
          "0101010000^^^&1.2.208.176.1.2&ISO");
    const xmlNode* content_type =
        ihe::find_classification(*package, ihe::xds_id::content_type_code);
    REQUIRE(content_type != nullptr);
    CHECK(ihe::classification_code(*content_type).code == "60593-1");
    const xmlNode* node = xml::first_child(*list, ns::rim, "Classification");
    REQUIRE(node != nullptr);
    CHECK(xml::attribute(*node, "classificationNode") == ihe::xds_id::submission_set);
    CHECK(xml::attribute(*node, "classifiedObject") == package_id);
    const xmlNode* association = xml::first_child(*list, ns::rim, "Association");
    REQUIRE(association != nullptr);
    CHECK(xml::attribute(*association, "associationType") == ihe::xds_id::association_has_member);
    CHECK(xml::attribute(*association, "sourceObject") == package_id);
    CHECK(xml::attribute(*association, "targetObject") == sent.entry_id);
    CHECK(ihe::first_slot_value(*association, "SubmissionSetStatus") == "Original");
    // Deterministic: the same submission gives the same bytes.
    std::vector<soap::mime_part> a;
    std::vector<soap::mime_part> b;
    CHECK(ihe::write_xdr_request_body(sent, a) == ihe::write_xdr_request_body(sent, b));
}

TEST_CASE("a discard we write reads back as a discard with its own codes", "[ihe][country-b]") {
    ihe::xdr_submission sent = swedish_dispensation();
    sent.kind = ihe::submission_kind::discard;
    sent.format_code = "urn:epSOS:ep:dis:2010";  // not read by the writer: the kind decides
    sent.submission_set_unique_id = "1.2.752.221.3.1.1.6.1";
    sent.submission_time = "20261207140000";
    const written_submission written = write(sent);
    auto read = ihe::parse_xdr_request(written.body.root(), &written.parts);
    REQUIRE(read.has_value());
    CHECK(read->kind == ihe::submission_kind::discard);
    CHECK(read->format_code == "urn:eHDSI:ed:discard:2020");
    CHECK(read->class_code == ihe::coded_value{"DISCARD-60593-1", "2.16.840.1.113883.6.1",
                                               "Discard Medication dispensed"});
    CHECK(read->type_code ==
          ihe::coded_value{"DISCARD-60593-1", "2.16.840.1.113883.6.1", "eDispensation Discard"});
    CHECK(read->submission_set_unique_id == "1.2.752.221.3.1.1.6.1");
    CHECK(read->submission_time == "20261207140000");

    // Given codes are written as given.
    sent.class_code = {"DISCARD-60593-1", "2.16.840.1.113883.6.1", "Discard"};
    const written_submission given = write(sent);
    auto given_read = ihe::parse_xdr_request(given.body.root(), &given.parts);
    REQUIRE(given_read.has_value());
    CHECK(given_read->class_code.display == "Discard");
}

TEST_CASE("the submission we write has the shape of OpenNCP's Finnish one", "[ihe][country-b]") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto peer = xml::parse_document(real_sample("xdr-edispensation-fi.body.xml"));
    REQUIRE(peer.has_value());
    auto submission = ihe::parse_xdr_request(peer->root(), nullptr);
    REQUIRE(submission.has_value());
    const written_submission ours = write(*submission);
    // Ids, references and texts depend on the data; codes, schemes and types do not.
    const std::initializer_list<std::string_view> varying = {
        "id", "classifiedObject", "registryObject", "sourceObject", "targetObject", "value"};
    const auto peer_shape = shape::shape_of(peer->root(), varying);
    const auto our_shape = shape::shape_of(ours.body.root(), varying);
    const std::string list =
        "/xds:ProvideAndRegisterDocumentSetRequest/lcm:SubmitObjectsRequest/rim:RegistryObjectList";
    // The peer describes its SubmissionSet in words; we do not.
    CHECK(shape::only_in(peer_shape, our_shape) ==
          std::set<std::string>{
              list + "/rim:RegistryPackage/rim:Description",
              list + "/rim:RegistryPackage/rim:Description/rim:LocalizedString",
              list + "/rim:RegistryPackage/rim:Description/rim:LocalizedString@value"});
    // We state every object's type (the peer leaves the ebRS defaults implicit) and send the
    // document as an MTOM attachment.
    const std::string classification_type =
        "@objectType=urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
    CHECK(shape::only_in(our_shape, peer_shape) ==
          std::set<std::string>{
              "/xds:ProvideAndRegisterDocumentSetRequest/xds:Document/xop:Include",
              "/xds:ProvideAndRegisterDocumentSetRequest/xds:Document/xop:Include@href=cid:"
              "document1.ncpeh@localhost",
              list + "/rim:Association@objectType=urn:oasis:names:tc:ebxml-regrep:ObjectType:"
                     "RegistryObject:Association",
              list + "/rim:Classification" + classification_type,
              list + "/rim:ExtrinsicObject/rim:Classification" + classification_type,
              list + "/rim:RegistryPackage/rim:Classification" + classification_type,
          });
}
