// Test that the header is self-contained.
#include "gateway/ihe/xca_query_request.hpp"

#include <catch2/catch.hpp>

#include "gateway/ihe/registry_object.hpp"
#include "tests/gateway/ihe/xml_shape.hpp"
#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
namespace shape = ncpeh::testing::ihe_shape;
using ncpeh::errc;

namespace {

/// Our own ePrescription query (samples/foreign-ncp/requests), prefixed rim: and query:.
std::string sample() {
    return ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() /
                                     "xca-query-eprescription.body.xml");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

ncpeh::result<ihe::find_documents_query> parse(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return ihe::parse_xca_query_request(doc->root());
}

const std::string patient_slot =
    "<rim:Value>'191212121212^^^&amp;1.2.752.129.2.1.3.1&amp;ISO'</rim:Value>";
const std::string class_slot = "<rim:Value>('57833-6^^2.16.840.1.113883.6.1')</rim:Value>";

}  // namespace

TEST_CASE("the real OpenNCP ePrescription query parses") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto query = parse(ncpeh::testing::read_file(ncpeh::testing::peer_samples_dir() /
                                                 "soap/xca-query-eprescription.body.xml"));
    REQUIRE(query.has_value());
    CHECK(query->query_id == "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
    CHECK(query->return_type == "LeafClass");
    CHECK(query->patient.id.extension == "041082-995W");
    CHECK(query->patient.id.root == "2.16.17.710.811");
    CHECK_FALSE(query->patient.root_extension_swapped);
    REQUIRE(query->class_codes.size() == 1);
    CHECK(query->class_codes[0].code == "57833-6");
    CHECK(query->class_codes[0].scheme == "2.16.840.1.113883.6.1");
}

TEST_CASE("our own ePrescription query parses") {
    auto query = parse(sample());
    REQUIRE(query.has_value());
    CHECK(query->query_id == "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
    CHECK(query->return_type == "LeafClass");
    CHECK(query->patient.id == ihe::patient_id{"1.2.752.129.2.1.3.1", "191212121212"});
    CHECK_FALSE(query->patient.root_extension_swapped);
    REQUIRE(query->class_codes.size() == 1);
    CHECK(query->class_codes[0] == ihe::coded_value{"57833-6", "2.16.840.1.113883.6.1", ""});
}

TEST_CASE("class codes are read in the IHE and the OpenNCP list forms") {
    const auto ihe_form = ihe::parse_class_code_list(
        "('60591-5^^2.16.840.1.113883.6.1','57833-6^^2.16.840.1.113883.6.1')");
    const auto openncp_form = ihe::parse_class_code_list(
        "('60591-5^^2.16.840.1.113883.6.1,57833-6^^2.16.840.1.113883.6.1')");
    for (const auto& codes : {ihe_form, openncp_form}) {
        REQUIRE(codes.size() == 2);
        CHECK(codes[0] == ihe::coded_value{"60591-5", "2.16.840.1.113883.6.1", ""});
        CHECK(codes[1] == ihe::coded_value{"57833-6", "2.16.840.1.113883.6.1", ""});
    }
    CHECK(ihe::parse_class_code_list("( '57833-6' , )").size() == 1);
    CHECK(ihe::parse_class_code_list("57833-6").at(0).scheme.empty());
    CHECK(ihe::parse_class_code_list("()").empty());

    auto query = parse(
        replaced(sample(), class_slot,
                 "<rim:Value>('60591-5^^2.16.840.1.113883.6.1,57833-6^^2.16.840.1.113883.6.1')"
                 "</rim:Value><rim:Value>('60593-1^^2.16.840.1.113883.6.1')</rim:Value>"));
    REQUIRE(query.has_value());
    REQUIRE(query->class_codes.size() == 3);
    CHECK(query->class_codes[2].code == "60593-1");
}

TEST_CASE("the status slot is ignored, even when absent") {
    auto text = sample();
    const auto from = text.find("<rim:Slot name=\"$XDSDocumentEntryStatus\">");
    const auto to = text.find("</rim:Slot>", from) + 11;
    text.erase(from, to - from);
    auto query = parse(text);
    REQUIRE(query.has_value());
    CHECK(query->class_codes.size() == 1);
}

TEST_CASE("broken queries are refused") {
    SECTION("no patient slot") {
        auto query =
            parse(replaced(sample(), "$XDSDocumentEntryPatientId", "$XDSDocumentEntryPatient"));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
        CHECK(query.error().context_value("slot") == "$XDSDocumentEntryPatientId");
    }
    SECTION("empty patient slot") {
        auto query = parse(replaced(sample(), patient_slot, "<rim:Value>  </rim:Value>"));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
    }
    SECTION("two patients") {
        auto query = parse(replaced(sample(), patient_slot, patient_slot + patient_slot));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
    }
    SECTION("malformed CX") {
        auto query =
            parse(replaced(sample(), patient_slot, "<rim:Value>'191212121212'</rim:Value>"));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
        CHECK(query.error().context_value("slot") == "$XDSDocumentEntryPatientId");
        CHECK(query.error().message.find("191212121212") == std::string::npos);
    }
    SECTION("no class code") {
        auto query = parse(replaced(sample(), class_slot, "<rim:Value>()</rim:Value>"));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
        CHECK(query.error().context_value("slot") == "$XDSDocumentEntryClassCode");
    }
    SECTION("another stored query") {
        auto query = parse(replaced(sample(), "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d",
                                    "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4"));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
        CHECK(query.error().context_value("query_id") ==
              "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4");
    }
    SECTION("no AdhocQuery") {
        auto query = parse(replaced(replaced(sample(), "<rim:AdhocQuery ", "<rim:AdhocQueryX "),
                                    "</rim:AdhocQuery>", "</rim:AdhocQueryX>"));
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().context_value("element") == "AdhocQuery");
    }
    SECTION("not a query") {
        auto query =
            parse(R"(<AdhocQueryRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"/>)");
        REQUIRE_FALSE(query.has_value());
        CHECK(query.error().code == errc::ihe_request_invalid);
    }
}

// --- country B: the query we send
// -----------------------------------------------------------------

namespace {

ihe::find_documents_query danish_query() {
    ihe::find_documents_query q;
    q.patient.id = {"1.2.208.176.1.2", "0101010000"};
    q.class_codes = {{"57833-6", "2.16.840.1.113883.6.1", "ePrescription"}};
    return q;
}

/// The rim:Value texts of the slot `name` of the written AdhocQuery.
std::vector<std::string> written_slot(const std::string& text, std::string_view name) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    const xmlNode* adhoc = xml::first_child(doc->root(), ns::rim, "AdhocQuery");
    REQUIRE(adhoc != nullptr);
    auto values = ihe::slot_values(*adhoc, name);
    REQUIRE(values.has_value());
    return *values;
}

}  // namespace

TEST_CASE("the XCA query we write reads back as FindDocuments for the patient",
          "[ihe][country-b]") {
    const std::string text = ihe::write_xca_query_request(danish_query());
    auto query = parse(text);
    REQUIRE(query.has_value());
    CHECK(query->query_id == "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
    CHECK(query->return_type == "LeafClass");
    CHECK(query->patient.id == ihe::patient_id{"1.2.208.176.1.2", "0101010000"});
    CHECK_FALSE(query->patient.root_extension_swapped);
    REQUIRE(query->class_codes.size() == 1);
    CHECK(query->class_codes[0] == ihe::coded_value{"57833-6", "2.16.840.1.113883.6.1", ""});

    CHECK(written_slot(text, "$XDSDocumentEntryPatientId") ==
          std::vector<std::string>{"'0101010000^^^&1.2.208.176.1.2&ISO'"});
    CHECK(written_slot(text, "$XDSDocumentEntryStatus") ==
          std::vector<std::string>{"('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"});
    CHECK(written_slot(text, "$XDSDocumentEntryClassCode") ==
          std::vector<std::string>{"('57833-6^^2.16.840.1.113883.6.1')"});
    CHECK(text.find("&amp;1.2.208.176.1.2&amp;ISO") != std::string::npos);
}

TEST_CASE("several class codes are written in IHE's list form", "[ihe][country-b]") {
    ihe::find_documents_query q = danish_query();
    q.class_codes.push_back({"60591-5", "2.16.840.1.113883.6.1", ""});
    q.return_type = "ObjectRef";
    q.query_id = "urn:uuid:not-find-documents";
    const std::string text = ihe::write_xca_query_request(q);
    CHECK(written_slot(text, "$XDSDocumentEntryClassCode") ==
          std::vector<std::string>{
              "('57833-6^^2.16.840.1.113883.6.1','60591-5^^2.16.840.1.113883.6.1')"});
    auto query = parse(text);
    REQUIRE(query.has_value());
    CHECK(query->query_id == "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
    CHECK(query->return_type == "ObjectRef");
    CHECK(query->class_codes.size() == 2);
}

TEST_CASE("the XCA query we write has the shape of OpenNCP's", "[ihe][country-b]") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const std::string peer_text = ncpeh::testing::read_file(
        ncpeh::testing::peer_samples_dir() / "soap/xca-query-eprescription.body.xml");
    auto peer = xml::parse_document(peer_text);
    REQUIRE(peer.has_value());
    auto query = ihe::parse_xca_query_request(peer->root());
    REQUIRE(query.has_value());
    const std::string text = ihe::write_xca_query_request(*query);
    auto ours = xml::parse_document(text);
    REQUIRE(ours.has_value());
    // Every element and attribute, fixed values included (no attribute here depends on data).
    CHECK(shape::shape_of(ours->root(), {}) == shape::shape_of(peer->root(), {}));
    const xmlNode* peer_query = xml::first_child(peer->root(), ns::rim, "AdhocQuery");
    REQUIRE(peer_query != nullptr);
    for (const std::string_view slot :
         {"$XDSDocumentEntryPatientId", "$XDSDocumentEntryClassCode"}) {
        INFO(slot);
        CHECK(written_slot(text, slot) == ihe::slot_values(*peer_query, slot).value());
    }
}
