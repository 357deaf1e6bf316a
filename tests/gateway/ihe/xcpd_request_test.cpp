// Test that the header is self-contained.
#include "gateway/ihe/xcpd_request.hpp"

#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
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
