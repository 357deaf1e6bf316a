// Test that the header is self-contained.
#include "gateway/ihe/xcpd_response.hpp"

#include <catch2/catch.hpp>

#include "gateway/soap/response.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

constexpr std::string_view hl7 = ns::hl7;

/// Our own XCPD request from Finland (samples/foreign-ncp/requests).
ihe::xcpd_request finnish_request() {
    auto doc = xml::parse_document(
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "xcpd-request.body.xml"));
    REQUIRE(doc.has_value());
    auto request = ihe::parse_xcpd_request(doc->root());
    REQUIRE(request.has_value());
    return *request;
}

const ihe::xcpd_responder responder{
    "1.2.752.221.3.1.1", {"7d1c0e5e-0000-4000-8000-00000000abcd", "0123456789"}, "20261123103000"};

xml::document parse(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    REQUIRE(xml::is_element(doc->root(), hl7, "PRPA_IN201306UV02"));
    return std::move(*doc);
}

std::string attr(const xmlNode* node, std::string_view name) {
    REQUIRE(node != nullptr);
    return std::string(xml::attribute(*node, name).value_or("<absent>"));
}

const xmlNode& control_act(const xml::document& doc) {
    const xmlNode* node = xml::first_child(doc.root(), hl7, "controlActProcess");
    REQUIRE(node != nullptr);
    return *node;
}

}  // namespace

TEST_CASE("an XCPD match response carries what OpenNCP NCP-B reads") {
    const ihe::xcpd_request request = finnish_request();
    const std::vector<ihe::patient_match> matches{
        {{"1.2.752.129.2.1.3.1", "191212121212"},
         ihe::person_name{"Tolvansson", {"Tolvan"}},
         "M",
         "19121212",
         ihe::postal_address{"Testgatan 1 & 2", "Teststad", "11111", "SE"}},
        {{"1.2.752.129.2.1.3.3", "191212721218"},
         std::nullopt,
         std::nullopt,
         std::nullopt,
         std::nullopt}};
    const auto doc = parse(ihe::write_xcpd_matches(request, responder, matches));
    const xmlNode& root = doc.root();

    CHECK(attr(xml::first_child(root, hl7, "id"), "root") == responder.message_id.root);
    CHECK(attr(xml::first_child(root, hl7, "id"), "extension") == "0123456789");
    CHECK(attr(xml::first_child(root, hl7, "creationTime"), "value") == "20261123103000");
    CHECK(attr(xml::first_child(root, hl7, "interactionId"), "extension") == "PRPA_IN201306UV02");
    CHECK(attr(xml::first_child(root, hl7, "acceptAckCode"), "code") == "NE");
    CHECK(attr(xml::find_path(root, {{hl7, "receiver"}, {hl7, "device"}, {hl7, "id"}}), "root") ==
          "2.999.246.1.1");
    CHECK(attr(xml::find_path(root, {{hl7, "sender"}, {hl7, "device"}, {hl7, "id"}}), "root") ==
          "1.2.752.221.3.1.1");
    CHECK(attr(xml::find_path(root, {{hl7, "acknowledgement"}, {hl7, "typeCode"}}), "code") ==
          "AA");
    CHECK(
        attr(xml::find_path(root, {{hl7, "acknowledgement"}, {hl7, "targetMessage"}, {hl7, "id"}}),
             "root") == "6d0f4c3e-5555-4000-8000-000000000055");
    CHECK(xml::find_path(root, {{hl7, "acknowledgement"}, {hl7, "acknowledgementDetail"}}) ==
          nullptr);

    const xmlNode& act = control_act(doc);
    CHECK(attr(xml::first_child(act, hl7, "code"), "code") == "PRPA_TE201306UV02");
    const auto subjects = xml::children(act, hl7, "subject");
    REQUIRE(subjects.size() == 2);
    const xmlNode* event = xml::first_child(*subjects[0], hl7, "registrationEvent");
    REQUIRE(event != nullptr);
    CHECK(attr(xml::first_child(*event, hl7, "id"), "nullFlavor") == "NA");
    const xmlNode* patient = xml::find_path(*event, {{hl7, "subject1"}, {hl7, "patient"}});
    REQUIRE(patient != nullptr);
    CHECK(attr(xml::first_child(*patient, hl7, "id"), "root") == "1.2.752.129.2.1.3.1");
    CHECK(attr(xml::first_child(*patient, hl7, "id"), "extension") == "191212121212");
    const xmlNode* person = xml::first_child(*patient, hl7, "patientPerson");
    REQUIRE(person != nullptr);
    CHECK(xml::text_of(*xml::find_path(*person, {{hl7, "name"}, {hl7, "family"}})) == "Tolvansson");
    CHECK(xml::text_of(*xml::find_path(*person, {{hl7, "name"}, {hl7, "given"}})) == "Tolvan");
    CHECK(attr(xml::first_child(*person, hl7, "administrativeGenderCode"), "code") == "M");
    CHECK(attr(xml::first_child(*person, hl7, "birthTime"), "value") == "19121212");
    CHECK(xml::text_of(*xml::find_path(*person, {{hl7, "addr"}, {hl7, "streetAddressLine"}})) ==
          "Testgatan 1 & 2");
    CHECK(xml::text_of(*xml::find_path(*person, {{hl7, "addr"}, {hl7, "country"}})) == "SE");
    const xmlNode* observation =
        xml::find_path(*patient, {{hl7, "subjectOf1"}, {hl7, "queryMatchObservation"}});
    REQUIRE(observation != nullptr);
    CHECK(attr(xml::first_child(*observation, hl7, "code"), "code") == "IHE_PDQ");
    CHECK(attr(xml::first_child(*observation, hl7, "value"), "value") == "100");
    const xmlNode* custodian =
        xml::find_path(*event, {{hl7, "custodian"}, {hl7, "assignedEntity"}});
    CHECK(attr(xml::first_child(*custodian, hl7, "id"), "root") == "1.2.752.221.3.1.1");
    CHECK(attr(xml::first_child(*custodian, hl7, "code"), "code") == "NotHealthDataLocator");

    const xmlNode* second = xml::find_path(
        *subjects[1], {{hl7, "registrationEvent"}, {hl7, "subject1"}, {hl7, "patient"}});
    REQUIRE(second != nullptr);
    CHECK(attr(xml::first_child(*second, hl7, "id"), "extension") == "191212721218");
    CHECK(xml::find_path(*second, {{hl7, "patientPerson"}, {hl7, "name"}}) == nullptr);

    CHECK(xml::first_child(act, hl7, "reasonOf") == nullptr);
    CHECK(attr(xml::find_path(act, {{hl7, "queryAck"}, {hl7, "queryResponseCode"}}), "code") ==
          "OK");
    CHECK(attr(xml::find_path(act, {{hl7, "queryAck"}, {hl7, "resultTotalQuantity"}}), "value") ==
          "2");
    CHECK(attr(xml::find_path(act, {{hl7, "queryAck"}, {hl7, "queryId"}}), "root") ==
          "6d0f4c3e-5555-4000-8000-000000000056");
    const xmlNode* echoed = xml::find_path(act, {{hl7, "queryByParameter"},
                                                 {hl7, "parameterList"},
                                                 {hl7, "livingSubjectId"},
                                                 {hl7, "value"}});
    CHECK(attr(echoed, "root") == "1.2.752.129.2.1.3.1");
    CHECK(attr(echoed, "extension") == "191212121212");
}

TEST_CASE("the no-match response is AA, NF, AnswerNotAvailable and ERROR_PI_NO_MATCH") {
    const auto doc = parse(ihe::write_xcpd_no_match(finnish_request(), responder));
    const xmlNode& root = doc.root();
    CHECK(attr(xml::find_path(root, {{hl7, "acknowledgement"}, {hl7, "typeCode"}}), "code") ==
          "AA");
    CHECK(attr(xml::find_path(
                   root, {{hl7, "acknowledgement"}, {hl7, "acknowledgementDetail"}, {hl7, "code"}}),
               "code") == "ERROR_PI_NO_MATCH");
    const xmlNode& act = control_act(doc);
    CHECK(xml::children(act, hl7, "subject").empty());
    const xmlNode* management = xml::find_path(act, {{hl7, "reasonOf"},
                                                     {hl7, "detectedIssueEvent"},
                                                     {hl7, "mitigatedBy"},
                                                     {hl7, "detectedIssueManagement"},
                                                     {hl7, "code"}});
    CHECK(attr(management, "code") == "AnswerNotAvailable");
    CHECK(attr(management, "codeSystem") == "1.3.6.1.4.1.19376.1.2.27.3");
    CHECK(attr(xml::find_path(act, {{hl7, "reasonOf"}, {hl7, "detectedIssueEvent"}, {hl7, "code"}}),
               "code") == "ActAdministrativeDetectedIssueCode");
    CHECK(attr(xml::find_path(act, {{hl7, "queryAck"}, {hl7, "queryResponseCode"}}), "code") ==
          "NF");
    CHECK(attr(xml::find_path(act, {{hl7, "queryAck"}, {hl7, "resultTotalQuantity"}}), "value") ==
          "0");
}

TEST_CASE("XCPD errors are AE with the reasonOf code of the protocol table") {
    struct expectation {
        errc code;
        std::string issue;
        std::string issue_system;
        bool trigger_for;
        std::string wire;
    };
    for (const expectation& x : std::vector<expectation>{
             {errc::demographics_query_not_allowed, "DemographicsQueryNotAllowed",
              "1.3.6.1.4.1.12559.11.10.1.3.2.2.1", true, "ERROR_PI_GENERIC"},
             {errc::xcpd_wrong_receiver, "AnswerNotAvailable", "1.3.6.1.4.1.19376.1.2.27.3", false,
              "ERROR_PI_GENERIC"},
             {errc::insufficient_rights, "InsufficientRights", "1.3.6.1.4.1.12559.11.10.1.3.2.2.1",
              false, "4703"},
             {errc::hcp_assertion_invalid, "InsufficientRights",
              "1.3.6.1.4.1.12559.11.10.1.3.2.2.1", false, "ERROR_HPI_GENERIC"},
             {errc::no_consent, "InsufficientRights", "1.3.6.1.4.1.12559.11.10.1.3.2.2.1", false,
              "4701"},
             {errc::signature_invalid, "InternalError", "1.3.6.1.4.1.19376.1.2.27.3", false,
              "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED"},
             {errc::national_store_unreachable, "ResponderBusy", "1.3.6.1.4.1.19376.1.2.27.3",
              false, "4103"},
         }) {
        INFO(ncpeh::name_of(x.code));
        const auto e = ncpeh::make_error(x.code, "a <reason> & more");
        const auto doc = parse(ihe::write_xcpd_error(finnish_request(), responder, e));
        const xmlNode& root = doc.root();
        CHECK(attr(xml::find_path(root, {{hl7, "acknowledgement"}, {hl7, "typeCode"}}), "code") ==
              "AE");
        const xmlNode* detail =
            xml::find_path(root, {{hl7, "acknowledgement"}, {hl7, "acknowledgementDetail"}});
        REQUIRE(detail != nullptr);
        CHECK(attr(detail, "typeCode") == "E");
        CHECK(attr(xml::first_child(*detail, hl7, "code"), "code") == x.wire);
        // Internal causes reach the partner with a neutral text (message_for_partner).
        CHECK(xml::text_of(*xml::first_child(*detail, hl7, "text")) ==
              (ncpeh::is_internal_cause(x.code) ? ncpeh::message_for_partner(e)
                                                : "a <reason> & more"));
        const xmlNode& act = control_act(doc);
        const xmlNode* code = x.trigger_for ? xml::find_path(act, {{hl7, "reasonOf"},
                                                                   {hl7, "detectedIssueEvent"},
                                                                   {hl7, "triggerFor"},
                                                                   {hl7, "actOrderRequired"},
                                                                   {hl7, "code"}})
                                            : xml::find_path(act, {{hl7, "reasonOf"},
                                                                   {hl7, "detectedIssueEvent"},
                                                                   {hl7, "mitigatedBy"},
                                                                   {hl7, "detectedIssueManagement"},
                                                                   {hl7, "code"}});
        CHECK(attr(code, "code") == x.issue);
        CHECK(attr(code, "codeSystem") == x.issue_system);
        CHECK(attr(xml::find_path(act, {{hl7, "queryAck"}, {hl7, "queryResponseCode"}}), "code") ==
              "AE");
        CHECK(xml::children(act, hl7, "subject").empty());
    }
}

TEST_CASE("an error for a request that did not parse echoes nothing it does not have") {
    ihe::xcpd_request empty;
    const auto doc = parse(ihe::write_xcpd_error(
        empty, responder, ncpeh::make_error(errc::ihe_request_invalid, "bad")));
    CHECK(xml::find_path(doc.root(), {{hl7, "acknowledgement"}, {hl7, "targetMessage"}}) ==
          nullptr);
    CHECK(xml::first_child(control_act(doc), hl7, "queryByParameter") == nullptr);
}

TEST_CASE("the XCPD response fits into a SOAP envelope that parses back") {
    const std::string body = ihe::write_xcpd_no_match(finnish_request(), responder);
    auto doc = xml::parse_document(ncpeh::gateway::soap::write_envelope(
        {"urn:hl7-org:v3:PRPA_IN201306UV02:CrossGatewayPatientDiscovery", "urn:uuid:1",
         "urn:uuid:2"},
        body));
    CHECK(doc.has_value());
}

// --- country B: reading a foreign NCP-A's answer ------------------------------------------------

namespace {

ncpeh::result<ihe::xcpd_answer> read_answer(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return ihe::parse_xcpd_response(doc->root());
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

const std::string ehdsi_issues = "1.3.6.1.4.1.12559.11.10.1.3.2.2.1";
const std::string ihe_issues = "1.3.6.1.4.1.19376.1.2.27.3";

}  // namespace

TEST_CASE("our own XCPD matches read back as found, patient for patient", "[ihe][country-b]") {
    const ihe::xcpd_request request = finnish_request();
    std::vector<ihe::patient_match> matches{
        {{"1.2.752.129.2.1.3.1", "191212121212"},
         ihe::person_name{"Tolvansson", {"Tolvan", "Test"}},
         "M",
         "19121212",
         ihe::postal_address{"Testgatan 1 & 2", "Teststad", "11111", "SE"}},
        {{"1.2.752.129.2.1.3.3", "191212721218"},
         std::nullopt,
         std::nullopt,
         std::nullopt,
         std::nullopt}};
    matches[1].other_ids = {{"1.2.752.129.2.1.3.1", "191212121212"}};
    auto answer = read_answer(ihe::write_xcpd_matches(request, responder, matches));
    REQUIRE(answer.has_value());
    CHECK(answer->outcome == ihe::xcpd_outcome::found);
    CHECK(answer->target_message_id == request.message_id);
    REQUIRE(answer->matches.size() == 2);
    CHECK(answer->matches[0] == matches[0]);
    CHECK(answer->matches[1] == matches[1]);
    CHECK(answer->errors.empty());
}

TEST_CASE("our own no-match reads back as not_found with the peer's codes", "[ihe][country-b]") {
    auto answer = read_answer(ihe::write_xcpd_no_match(finnish_request(), responder));
    REQUIRE(answer.has_value());
    CHECK(answer->outcome == ihe::xcpd_outcome::not_found);
    CHECK(answer->target_message_id.extension == "fi-xcpd-0001");
    CHECK(answer->matches.empty());
    REQUIRE(answer->errors.size() == 2);
    CHECK(answer->errors[0].code == errc::patient_not_found);
    CHECK(answer->errors[0].level == ncpeh::severity::warning);  // acknowledgementDetail I
    CHECK(answer->errors[0].message == "No patient matches the query");
    CHECK(answer->errors[0].context_value("remote_code") == "ERROR_PI_NO_MATCH");
    CHECK(answer->errors[1].code == errc::foreign_ncp_refused);
    CHECK(answer->errors[1].level == ncpeh::severity::warning);
    CHECK(answer->errors[1].context_value("remote_code") == "AnswerNotAvailable");
    CHECK(answer->errors[1].context_value("code_system") == ihe_issues);
}

TEST_CASE("our own XCPD errors read back as error with detail and detected issue",
          "[ihe][country-b]") {
    struct expectation {
        errc sent;
        errc detail;
        std::string wire;
        std::string issue;
        std::string issue_system;
    };
    for (const expectation& x : std::vector<expectation>{
             {errc::insufficient_rights, errc::insufficient_rights, "4703", "InsufficientRights",
              ehdsi_issues},
             {errc::no_consent, errc::no_consent, "4701", "InsufficientRights", ehdsi_issues},
             {errc::demographics_query_not_allowed, errc::foreign_ncp_refused, "ERROR_PI_GENERIC",
              "DemographicsQueryNotAllowed", ehdsi_issues},
             {errc::patient_multiple_matches, errc::patient_multiple_matches,
              "ERROR_PI_MULTIPLE_MATCHES", "AnswerNotAvailable", ihe_issues},
         }) {
        INFO(ncpeh::name_of(x.sent));
        auto answer = read_answer(ihe::write_xcpd_error(finnish_request(), responder,
                                                        ncpeh::make_error(x.sent, "why <not>")));
        REQUIRE(answer.has_value());
        CHECK(answer->outcome == ihe::xcpd_outcome::error);
        CHECK(answer->matches.empty());
        REQUIRE(answer->errors.size() == 2);
        CHECK(answer->errors[0].code == x.detail);
        CHECK(answer->errors[0].level == ncpeh::severity::error);
        CHECK(answer->errors[0].message == "why <not>");
        CHECK(answer->errors[0].context_value("remote_code") == x.wire);
        CHECK(answer->errors[1].code == errc::foreign_ncp_refused);
        CHECK(answer->errors[1].level == ncpeh::severity::error);
        CHECK(answer->errors[1].context_value("remote_code") == x.issue);
        CHECK(answer->errors[1].context_value("code_system") == x.issue_system);
    }
}

TEST_CASE("an OpenNCP-style AE answer is read whatever its prefixes, comments and codes",
          "[ihe][country-b]") {
    // No XML declaration, a comment before the root, a prefix, QE, OpenNCP's bare
    // detectedIssueEvent (no mitigatedBy/triggerFor) and a warning detail.
    const std::string text = R"(<!-- from a peer -->
<v3:PRPA_IN201306UV02 xmlns:v3="urn:hl7-org:v3" ITSVersion="XML_1.0">
  <v3:id root="9f0e0d0c-0000-4000-8000-000000000001" extension="1"/>
  <v3:acknowledgement>
    <v3:typeCode code="AE"/>
    <v3:targetMessage><v3:id root="5a1c9e70-0000-4000-8000-000000000055" extension="7"/></v3:targetMessage>
    <v3:acknowledgementDetail typeCode="E"><v3:code code="ERROR_PI_GENERIC"/><v3:text> Privacy </v3:text></v3:acknowledgementDetail>
    <v3:acknowledgementDetail typeCode="W"><v3:code code="4701"/><v3:text>no consent</v3:text></v3:acknowledgementDetail>
    <v3:acknowledgementDetail typeCode="E"><v3:text>no code: skipped</v3:text></v3:acknowledgementDetail>
  </v3:acknowledgement>
  <v3:controlActProcess classCode="CACT" moodCode="EVN">
    <v3:reasonOf typeCode="RSON"><v3:detectedIssueEvent classCode="ALRT" moodCode="EVN">
      <v3:code code="PrivacyViolation" codeSystem="1.3.6.1.4.1.12559.11.10.1.3.2.2.1"/>
    </v3:detectedIssueEvent></v3:reasonOf>
    <v3:queryAck><v3:queryResponseCode code="QE"/></v3:queryAck>
  </v3:controlActProcess>
</v3:PRPA_IN201306UV02>)";
    auto answer = read_answer(text);
    REQUIRE(answer.has_value());
    CHECK(answer->outcome == ihe::xcpd_outcome::error);
    CHECK(answer->target_message_id ==
          ihe::instance_id{"5a1c9e70-0000-4000-8000-000000000055", "7"});
    REQUIRE(answer->errors.size() == 3);
    CHECK(answer->errors[0].code == errc::foreign_ncp_refused);
    CHECK(answer->errors[0].message == "Privacy");
    CHECK(answer->errors[0].context_value("remote_code") == "ERROR_PI_GENERIC");
    CHECK(answer->errors[1].code == errc::no_consent);
    CHECK(answer->errors[1].level == ncpeh::severity::warning);
    CHECK(answer->errors[2].code == errc::foreign_ncp_refused);
    CHECK(answer->errors[2].level == ncpeh::severity::error);
    CHECK(answer->errors[2].context_value("remote_code") == "PrivacyViolation");
    CHECK(answer->errors[2].context_value("code_system") == ehdsi_issues);

    // Without queryAck an error acknowledgement still says what happened.
    auto without_query_ack = read_answer(
        replaced(text, R"(<v3:queryAck><v3:queryResponseCode code="QE"/></v3:queryAck>)", ""));
    REQUIRE(without_query_ack.has_value());
    CHECK(without_query_ack->outcome == ihe::xcpd_outcome::error);
}

TEST_CASE("XCPD answers that break the IHE shape are refused precisely", "[ihe][country-b]") {
    const std::vector<ihe::patient_match> matches{
        {{"1.2.752.129.2.1.3.1", "191212121212"}, std::nullopt, "M", std::nullopt, std::nullopt}};
    const std::string good = ihe::write_xcpd_matches(finnish_request(), responder, matches);
    struct broken_case {
        std::string name;
        std::string text;
        std::string element;
    };
    const std::string query_ack_start = "<queryAck>";
    const std::string query_ack = good.substr(
        good.find(query_ack_start), good.find("</queryAck>") + 11 - good.find(query_ack_start));
    const std::string subject =
        good.substr(good.find("<subject "), good.find("</subject>") + 10 - good.find("<subject "));
    for (
        const broken_case& c : std::vector<broken_case>{
            {"no status", replaced(good, query_ack, ""), "queryResponseCode"},
            {"unknown status",
             replaced(good, R"(<queryResponseCode code="OK"/>)",
                      R"(<queryResponseCode code="MAYBE"/>)"),
             "queryResponseCode"},
            {"OK without a patient", replaced(good, subject, ""), "subject"},
            {"a patient without id",
             replaced(good, R"(<id root="1.2.752.129.2.1.3.1" extension="191212121212"/>)", ""),
             "patient"},
            {"a patient id without extension",
             replaced(good, R"(<id root="1.2.752.129.2.1.3.1" extension="191212121212"/>)",
                      R"(<id root="1.2.752.129.2.1.3.1"/>)"),
             "patient"},
            {"a subject without patient",
             replaced(good, "<subject1 typeCode=\"SBJ\">", "<subject2 typeCode=\"SBJ\">"),
             "subject"},
            {"no controlActProcess",
             R"(<PRPA_IN201306UV02 xmlns="urn:hl7-org:v3"><acknowledgement><typeCode code="AA"/></acknowledgement></PRPA_IN201306UV02>)",
             "controlActProcess"},
            {"a request instead of a response", R"(<PRPA_IN201305UV02 xmlns="urn:hl7-org:v3"/>)",
             "PRPA_IN201305UV02"},
        }) {
        INFO(c.name);
        std::string text = c.text;
        if (c.name == "a subject without patient") {
            text = replaced(text, "</subject1>", "</subject2>");
        }
        auto answer = read_answer(text);
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("element") == c.element);
        CHECK(answer.error().message.starts_with("XCPD response: "));
    }
}
