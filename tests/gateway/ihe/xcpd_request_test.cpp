// Test that the header is self-contained.
#include "gateway/ihe/xcpd_request.hpp"

#include <catch2/catch.hpp>

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

xml::document parse(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return std::move(*doc);
}

/// OpenNCP's XCPD request (../shared).
std::string real_request() {
    return ncpeh::testing::read_file(ncpeh::testing::peer_samples_dir() /
                                     "soap/xcpd-request.body.xml");
}

/// Our own XCPD request, in the same shape (samples/foreign-ncp/requests).
std::string own_request() {
    return ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() /
                                     "xcpd-request.body.xml");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

/// A Swedish-flavoured request with every optional demographic (fictional test person).
const std::string full_request =
    R"(<hl7:PRPA_IN201305UV02 xmlns:hl7="urn:hl7-org:v3" ITSVersion="XML_1.0">
<hl7:id root="1b7e2f3a-0000-4000-8000-000000000001" extension="1234567890"/>
<hl7:creationTime value="20261123103000"/>
<hl7:receiver typeCode="RCV"><hl7:device classCode="DEV" determinerCode="INSTANCE"><hl7:id root="1.2.752.221.3.1.1"/></hl7:device></hl7:receiver>
<hl7:sender typeCode="SND"><hl7:device classCode="DEV" determinerCode="INSTANCE"><hl7:id root="1.2.208"/></hl7:device></hl7:sender>
<hl7:controlActProcess classCode="CACT" moodCode="EVN"><hl7:queryByParameter>
<hl7:queryId root="1.263507841149" extension="q1"/>
<hl7:parameterList>
<hl7:livingSubjectAdministrativeGender><hl7:value code="F"/></hl7:livingSubjectAdministrativeGender>
<hl7:livingSubjectBirthTime><hl7:value value="19121212"/></hl7:livingSubjectBirthTime>
<hl7:livingSubjectId><hl7:value root="1.2.752.129.2.1.3.1" extension="191212121212"/><hl7:semanticsText>LivingSubject.id</hl7:semanticsText></hl7:livingSubjectId>
<hl7:livingSubjectId><hl7:value root="1.2.752.129.2.1.3.3" extension="191212721218"/></hl7:livingSubjectId>
<hl7:livingSubjectName><hl7:value><hl7:given>Tolvan</hl7:given><hl7:given>Test</hl7:given><hl7:family>Tolvansson</hl7:family></hl7:value></hl7:livingSubjectName>
<hl7:patientAddress><hl7:value><hl7:streetName>Testgatan 1</hl7:streetName><hl7:city>Teststad</hl7:city><hl7:postalCode>11111</hl7:postalCode><hl7:country>SE</hl7:country></hl7:value></hl7:patientAddress>
</hl7:parameterList></hl7:queryByParameter></hl7:controlActProcess></hl7:PRPA_IN201305UV02>)";

}  // namespace

TEST_CASE("the real OpenNCP XCPD request parses") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto doc = parse(real_request());
    auto request = ihe::parse_xcpd_request(doc.root());
    REQUIRE(request.has_value());
    CHECK(request->message_id.root == "4ad4e0af-59bc-4233-aa50-27ff21883104");
    CHECK(request->message_id.extension == "4733101d-aaa4-49af-be0f-bf8e16c1a97d");
    CHECK(request->creation_time == "20120531131021.710+0300");
    CHECK(request->receiver_device_id == "2.16.17.710.820.1000.990.1");
    CHECK(request->sender_device_id == "2.16.999.1000.990.1");
    CHECK(request->query_id.root == "1.263507841149");
    REQUIRE(request->living_subject_ids.size() == 1);
    CHECK(request->living_subject_ids[0].root == "2.16.999.1000.990.1");
    CHECK(request->living_subject_ids[0].extension == "1");
    CHECK_FALSE(request->gender.has_value());
    CHECK_FALSE(request->birth_time.has_value());
    CHECK_FALSE(request->name.has_value());
    CHECK_FALSE(request->address.has_value());
}

TEST_CASE("our own XCPD request parses: the personnummer only, no demographics") {
    const auto doc = parse(own_request());
    auto request = ihe::parse_xcpd_request(doc.root());
    REQUIRE(request.has_value());
    CHECK(request->message_id.root == "6d0f4c3e-5555-4000-8000-000000000055");
    CHECK(request->message_id.extension == "fi-xcpd-0001");
    CHECK(request->creation_time == "20261123101500.000+0200");
    CHECK(request->receiver_device_id == "2.999.752.1.1");
    CHECK(request->sender_device_id == "2.999.246.1.1");
    CHECK(request->query_id.root == "6d0f4c3e-5555-4000-8000-000000000056");
    REQUIRE(request->living_subject_ids.size() == 1);
    CHECK(request->living_subject_ids[0] ==
          ihe::instance_id{"1.2.752.129.2.1.3.1", "191212121212"});
    CHECK_FALSE(request->gender.has_value());
    CHECK_FALSE(request->birth_time.has_value());
    CHECK_FALSE(request->name.has_value());
    CHECK_FALSE(request->address.has_value());
}

TEST_CASE("every identifier and optional demographic is read, whatever the prefix") {
    const auto doc = parse(full_request);
    auto request = ihe::parse_xcpd_request(doc.root());
    REQUIRE(request.has_value());
    CHECK(request->receiver_device_id == "1.2.752.221.3.1.1");
    CHECK(request->sender_device_id == "1.2.208");
    REQUIRE(request->living_subject_ids.size() == 2);
    CHECK(request->living_subject_ids[0] ==
          ihe::instance_id{"1.2.752.129.2.1.3.1", "191212121212"});
    CHECK(request->living_subject_ids[1] ==
          ihe::instance_id{"1.2.752.129.2.1.3.3", "191212721218"});
    CHECK(request->gender == "F");
    CHECK(request->birth_time == "19121212");
    REQUIRE(request->name.has_value());
    CHECK(request->name->family == "Tolvansson");
    CHECK(request->name->given == std::vector<std::string>{"Tolvan", "Test"});
    REQUIRE(request->address.has_value());
    CHECK(*request->address == ihe::postal_address{"Testgatan 1", "Teststad", "11111", "SE"});
}

TEST_CASE("an XCPD request without livingSubjectId is a demographics-only query") {
    const std::string text = replaced(own_request(),
                                      R"(<livingSubjectId>
                    <value root="1.2.752.129.2.1.3.1" extension="191212121212"/>
                    <semanticsText>LivingSubject.id</semanticsText>
                </livingSubjectId>)",
                                      "");
    const auto doc = parse(text);
    auto request = ihe::parse_xcpd_request(doc.root());
    REQUIRE_FALSE(request.has_value());
    CHECK(request.error().code == errc::demographics_query_not_allowed);
    CHECK(ncpeh::ehdsi_code(request.error().code) == "ERROR_PI_GENERIC");
}

TEST_CASE("broken XCPD requests are refused precisely") {
    struct broken_case {
        std::string from;
        std::string to;
        std::string element;
    };
    const std::string sender_id =
        "<sender typeCode=\"SND\">\n        <device classCode=\"DEV\" "
        "determinerCode=\"INSTANCE\">\n            <id root=\"2.999.246.1.1\"/>";
    for (const broken_case& c : std::vector<broken_case>{
             {R"(<value root="1.2.752.129.2.1.3.1" extension="191212121212"/>)",
              R"(<value root="1.2.752.129.2.1.3.1"/>)", "livingSubjectId"},
             {R"(<value root="1.2.752.129.2.1.3.1" extension="191212121212"/>)", "",
              "livingSubjectId"},
             {R"(<id root="6d0f4c3e-5555-4000-8000-000000000055" extension="fi-xcpd-0001"/>)", "",
              "id"},
             {sender_id, sender_id.substr(0, sender_id.find("<id")), "sender"},
             {"<queryByParameter>", "<queryByParameterX>", "queryByParameter"},
             {"<parameterList>", "<parameterListX>", "parameterList"},
         }) {
        INFO(c.element);
        std::string text = replaced(own_request(), c.from, c.to);
        if (c.to.ends_with("X>")) {
            const std::string open = c.from.substr(1);
            text = replaced(text, "</" + open, "</" + c.to.substr(1));
        }
        const auto doc = parse(text);
        auto request = ihe::parse_xcpd_request(doc.root());
        REQUIRE_FALSE(request.has_value());
        CHECK(request.error().code == errc::ihe_request_invalid);
        CHECK(request.error().context_value("element") == c.element);
    }
}

TEST_CASE("a body that is not PRPA_IN201305UV02 is refused") {
    const auto doc = parse(R"(<PRPA_IN201305UV02 xmlns="urn:hl7-org:v2"/>)");
    auto request = ihe::parse_xcpd_request(doc.root());
    REQUIRE_FALSE(request.has_value());
    CHECK(request.error().code == errc::ihe_request_invalid);
}

// --- country B: the request we send --------------------------------------------------------------

namespace {

/// What country B asks a Danish NCP-A (fictional patient and ids).
ihe::xcpd_request swedish_request() {
    ihe::xcpd_request r;
    r.message_id = {"5a1c9e70-0000-4000-8000-000000000055", "0000000001"};
    r.creation_time = "20261207101500";
    r.sender_device_id = "1.2.752.221.3.1.1";
    r.receiver_device_id = "1.2.208";
    r.query_id = {"1.2.752.221.3.1.1.55", "5a1c9e70-0000-4000-8000-000000000056"};
    r.living_subject_ids = {{"1.2.208.176.1.2", "0101010000"}, {"1.2.208.176.1.9", "E&K<1>"}};
    r.gender = "F";
    r.birth_time = "19010101";
    r.name = ihe::person_name{"Testesen", {"Testa", "Anden"}};
    r.address = ihe::postal_address{"Testvej 1", "Testby", "9999", "DK"};
    return r;
}

/// The elements, attributes and fixed values of an XCPD request; ids, times and the query's
/// values depend on the data.
std::set<std::string> xcpd_shape(const xmlNode& root) {
    return shape::shape_of(root, {"root", "extension", "value"});
}

}  // namespace

TEST_CASE("the XCPD request we write reads back field for field", "[ihe][country-b]") {
    const ihe::xcpd_request sent = swedish_request();
    const auto doc = parse(ihe::write_xcpd_request(sent));
    auto read = ihe::parse_xcpd_request(doc.root());
    REQUIRE(read.has_value());
    CHECK(read->message_id == sent.message_id);
    CHECK(read->creation_time == "20261207101500");
    CHECK(read->sender_device_id == "1.2.752.221.3.1.1");
    CHECK(read->receiver_device_id == "1.2.208");
    CHECK(read->query_id == sent.query_id);
    CHECK(read->living_subject_ids == sent.living_subject_ids);
    CHECK(read->living_subject_ids[1].extension == "E&K<1>");
    CHECK(read->gender == "F");
    CHECK(read->birth_time == "19010101");
    CHECK(read->name == sent.name);
    CHECK(read->address == sent.address);

    ihe::xcpd_request minimal = sent;
    minimal.gender.reset();
    minimal.birth_time.reset();
    minimal.name.reset();
    minimal.address.reset();
    const auto minimal_doc = parse(ihe::write_xcpd_request(minimal));
    auto minimal_read = ihe::parse_xcpd_request(minimal_doc.root());
    REQUIRE(minimal_read.has_value());
    CHECK_FALSE(minimal_read->gender.has_value());
    CHECK_FALSE(minimal_read->birth_time.has_value());
    CHECK_FALSE(minimal_read->name.has_value());
    CHECK_FALSE(minimal_read->address.has_value());
    const xmlNode* list = xml::find_path(minimal_doc.root(), {{ns::hl7, "controlActProcess"},
                                                              {ns::hl7, "queryByParameter"},
                                                              {ns::hl7, "parameterList"}});
    REQUIRE(list != nullptr);
    CHECK(xml::child_elements(*list).size() == 2);
}

TEST_CASE("the XCPD request we write has the transmission wrapper OpenNCP peers send",
          "[ihe][country-b]") {
    const auto doc = parse(ihe::write_xcpd_request(swedish_request()));
    const xmlNode& root = doc.root();
    const auto attr = [](const xmlNode* node, std::string_view name) {
        REQUIRE(node != nullptr);
        return std::string(xml::attribute(*node, name).value_or("<absent>"));
    };
    constexpr std::string_view hl7 = ns::hl7;
    CHECK(attr(&root, "ITSVersion") == "XML_1.0");
    CHECK(attr(xml::first_child(root, hl7, "versionCode"), "code") == "V3PR1");
    CHECK(attr(xml::first_child(root, hl7, "interactionId"), "root") == "2.16.840.1.113883.1.6");
    CHECK(attr(xml::first_child(root, hl7, "interactionId"), "extension") == "PRPA_IN201305UV02");
    CHECK(attr(xml::first_child(root, hl7, "processingCode"), "code") == "P");
    CHECK(attr(xml::first_child(root, hl7, "processingModeCode"), "code") == "T");
    CHECK(attr(xml::first_child(root, hl7, "acceptAckCode"), "code") == "AL");
    for (const auto& [role, community] :
         {std::pair{"receiver", "1.2.208"}, std::pair{"sender", "1.2.752.221.3.1.1"}}) {
        const xmlNode* device = xml::find_path(root, {{hl7, role}, {hl7, "device"}});
        REQUIRE(device != nullptr);
        CHECK(attr(xml::first_child(*device, hl7, "id"), "root") == community);
        CHECK_FALSE(xml::attribute(*xml::first_child(*device, hl7, "id"), "extension"));
        CHECK(attr(xml::find_path(
                       *device, {{hl7, "asAgent"}, {hl7, "representedOrganization"}, {hl7, "id"}}),
                   "root") == community);
    }
    const xmlNode* query =
        xml::find_path(root, {{hl7, "controlActProcess"}, {hl7, "queryByParameter"}});
    REQUIRE(query != nullptr);
    CHECK(attr(xml::first_child(*query, hl7, "statusCode"), "code") == "new");
    CHECK(attr(xml::first_child(*query, hl7, "responseModalityCode"), "code") == "R");
    CHECK(attr(xml::first_child(*query, hl7, "responsePriorityCode"), "code") == "I");
    CHECK(xml::first_child(*query, hl7, "matchCriterionList") != nullptr);
}

TEST_CASE("the XCPD request we write has the shape of OpenNCP's", "[ihe][country-b]") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    // The peer's own request, parsed and written again, compared element by element.
    const auto peer = parse(real_request());
    auto request = ihe::parse_xcpd_request(peer.root());
    REQUIRE(request.has_value());
    const auto ours = parse(ihe::write_xcpd_request(*request));
    const auto peer_shape = xcpd_shape(peer.root());
    const auto our_shape = xcpd_shape(ours.root());
    // OpenNCP names the interaction's code system in codeSystemName (an HL7 mistake we do not
    // copy); everything else agrees.
    const std::string code = "/hl7:PRPA_IN201305UV02/hl7:controlActProcess/hl7:code";
    CHECK(shape::only_in(peer_shape, our_shape) ==
          std::set<std::string>{code + "@codeSystemName=2.16.840.1.113883.1.6"});
    CHECK(shape::only_in(our_shape, peer_shape) ==
          std::set<std::string>{code + "@codeSystem=2.16.840.1.113883.1.6"});
}

TEST_CASE("the XCPD request we write has the shape of our foreign NCP-B's", "[ihe][country-b]") {
    const auto sample = parse(own_request());
    auto request = ihe::parse_xcpd_request(sample.root());
    REQUIRE(request.has_value());
    const auto ours = parse(ihe::write_xcpd_request(*request));
    const auto sample_shape = xcpd_shape(sample.root());
    const auto our_shape = xcpd_shape(ours.root());
    CHECK(shape::only_in(sample_shape, our_shape).empty());
    CHECK(shape::only_in(our_shape, sample_shape) ==
          std::set<std::string>{"/hl7:PRPA_IN201305UV02/hl7:versionCode",
                                "/hl7:PRPA_IN201305UV02/hl7:versionCode@code=V3PR1"});
}
