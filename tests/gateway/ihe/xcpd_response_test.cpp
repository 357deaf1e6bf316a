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
