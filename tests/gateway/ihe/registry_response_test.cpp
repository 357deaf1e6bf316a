// Test that the header is self-contained.
#include "gateway/ihe/registry_response.hpp"

#include <catch2/catch.hpp>

#include "gateway/ihe/registry_error_list.hpp"
#include "gateway/soap/response.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

std::string attr(const xmlNode* node, std::string_view name) {
    REQUIRE(node != nullptr);
    return std::string(xml::attribute(*node, name).value_or("<absent>"));
}

}  // namespace

TEST_CASE("an accepted submission is a bare Success RegistryResponse") {
    auto doc = xml::parse_document(ihe::write_registry_response({}, "1.2.752.221.3.1.1"));
    REQUIRE(doc.has_value());
    REQUIRE(xml::is_element(doc->root(), ns::rs, "RegistryResponse"));
    CHECK(attr(&doc->root(), "status") ==
          "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
    CHECK(xml::child_elements(doc->root()).empty());
}

TEST_CASE("a refused submission is Failure with each error's eHDSI code") {
    const std::vector<ncpeh::error> errors{
        ncpeh::make_error(errc::class_code_not_supported, "Unknown document"),
        ncpeh::make_error(errc::eprescription_already_dispensed, "already dispensed"),
        ncpeh::make_warning(errc::ed_missing_basic_data, "no \"strength\"")};
    const std::string body = ihe::write_registry_response(errors, "1.2.752.221.3.1.1");
    auto doc = xml::parse_document(ncpeh::gateway::soap::write_envelope(
        {"urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse", "urn:uuid:1", "urn:uuid:2"},
        body));
    REQUIRE(doc.has_value());
    auto response = xml::parse_document(body);
    REQUIRE(response.has_value());
    CHECK(attr(&response->root(), "status") ==
          "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
    const xmlNode* list = xml::first_child(response->root(), ns::rs, "RegistryErrorList");
    REQUIRE(list != nullptr);
    const auto items = xml::children(*list, ns::rs, "RegistryError");
    REQUIRE(items.size() == 3);
    CHECK(attr(items[0], "errorCode") == "4202");
    CHECK(attr(items[0], "codeContext") == "Unknown document");
    CHECK(attr(items[1], "errorCode") == "4106");
    CHECK(attr(items[2], "errorCode") == "WARNING_ED_MISSING_BASIC_DATA");
    CHECK(attr(items[2], "codeContext") == "no \"strength\"");
    CHECK(attr(items[2], "severity") ==
          "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning");
    for (const xmlNode* item : items) {
        CHECK(attr(item, "location") == "urn:oid:1.2.752.221.3.1.1");
    }
}

TEST_CASE("warnings alone leave a submission successful") {
    const std::vector<ncpeh::error> warnings{ncpeh::make_warning(errc::ed_missing_basic_data, "w")};
    CHECK(ihe::status_of(warnings, false) == ihe::response_status::success);
    auto doc = xml::parse_document(ihe::write_registry_response(warnings, "1.2.752.221.3.1.1"));
    REQUIRE(doc.has_value());
    CHECK(attr(&doc->root(), "status") ==
          "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
    CHECK(attr(xml::first_child(doc->root(), ns::rs, "RegistryErrorList"), "highestSeverity") ==
          "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning");
}

// --- country B: reading a foreign NCP-A's answer to our submission ------------------------------

namespace {

ncpeh::result<ihe::registry_answer> read_answer(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return ihe::parse_registry_response(doc->root());
}

}  // namespace

TEST_CASE("our own RegistryResponse reads back: status and each error", "[ihe][country-b]") {
    auto accepted = read_answer(ihe::write_registry_response({}, "1.2.752.221.3.1.1"));
    REQUIRE(accepted.has_value());
    CHECK(accepted->status == ihe::response_status::success);
    CHECK(accepted->errors.empty());

    const std::vector<ncpeh::error> errors{
        ncpeh::make_error(errc::eprescription_already_dispensed, "already dispensed"),
        ncpeh::make_error(errc::ed_discard_failed, "cannot undo"),
        ncpeh::make_warning(errc::ed_missing_basic_data, "no \"strength\""),
        ncpeh::make_error(errc::national_store_unreachable, "host x.internal down")};
    auto refused = read_answer(ihe::write_registry_response(errors, "1.2.752.221.3.1.1"));
    REQUIRE(refused.has_value());
    CHECK(refused->status == ihe::response_status::failure);
    REQUIRE(refused->errors.size() == 4);
    CHECK(refused->errors[0].code == errc::eprescription_already_dispensed);
    CHECK(refused->errors[0].level == ncpeh::severity::error);
    CHECK(refused->errors[0].message == "already dispensed");
    CHECK(refused->errors[0].context_value("remote_code") == "4106");
    CHECK(refused->errors[1].code == errc::ed_discard_failed);
    CHECK(refused->errors[2].code == errc::ed_missing_basic_data);
    CHECK(refused->errors[2].level == ncpeh::severity::warning);
    CHECK(refused->errors[2].message == "no \"strength\"");
    // The peer's own national failure is its side: a refusal with its code, not our 4103.
    CHECK(refused->errors[3].code == errc::foreign_ncp_refused);
    CHECK(refused->errors[3].context_value("remote_code") == "4103");
    CHECK(refused->errors[3].message == ncpeh::message_for_partner(errors[3]));
}

TEST_CASE("OpenNCP's RegistryResponse quirks are read", "[ihe][country-b]") {
    // 4202 without severity (an error), a message in the element text instead of codeContext,
    // the rs namespace as default.
    auto answer = read_answer(
        R"(<RegistryResponse xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"
    status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure">
  <RegistryErrorList>
    <RegistryError errorCode="4202" codeContext="Unknown document"/>
    <RegistryError errorCode="ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"> closed </RegistryError>
  </RegistryErrorList>
</RegistryResponse>)");
    REQUIRE(answer.has_value());
    CHECK(answer->status == ihe::response_status::failure);
    REQUIRE(answer->errors.size() == 2);
    CHECK(answer->errors[0].code == errc::class_code_not_supported);
    CHECK(answer->errors[0].level == ncpeh::severity::error);
    CHECK(answer->errors[0].message == "Unknown document");
    CHECK(answer->errors[1].code == errc::eprescription_not_dispensable);
    CHECK(answer->errors[1].message == "closed");
}

TEST_CASE("RegistryResponses that break the ebRS shape are refused precisely", "[ihe][country-b]") {
    const std::string rs = R"(xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0")";
    struct broken_case {
        std::string name;
        std::string text;
        std::string element;
    };
    for (
        const broken_case& c : std::vector<broken_case>{
            {"no status", "<rs:RegistryResponse " + rs + "/>", "RegistryResponse"},
            {"an empty status", "<rs:RegistryResponse " + rs + " status=\"\"/>",
             "RegistryResponse"},
            {"an unknown status", "<rs:RegistryResponse " + rs + " status=\"urn:x:Done\"/>",
             "RegistryResponse"},
            {"a RegistryError without errorCode",
             "<rs:RegistryResponse " + rs +
                 " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure\">"
                 "<rs:RegistryErrorList><rs:RegistryError codeContext=\"x\"/>"
                 "</rs:RegistryErrorList></rs:RegistryResponse>",
             "RegistryError"},
            {"another body",
             R"(<AdhocQueryResponse xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/>)",
             "AdhocQueryResponse"},
        }) {
        INFO(c.name);
        auto answer = read_answer(c.text);
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("element") == c.element);
    }
}

TEST_CASE("status URIs are read by their last part", "[ihe][country-b]") {
    CHECK(ihe::status_of_uri("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success") ==
          ihe::response_status::success);
    CHECK(ihe::status_of_uri("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess") ==
          ihe::response_status::partial_success);
    CHECK(ihe::status_of_uri("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:PartialSuccess") ==
          ihe::response_status::partial_success);
    CHECK(ihe::status_of_uri("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure") ==
          ihe::response_status::failure);
    CHECK_FALSE(ihe::status_of_uri("Success").has_value());
    CHECK_FALSE(ihe::status_of_uri("urn:x:success").has_value());
    CHECK_FALSE(ihe::status_of_uri("").has_value());
}
