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
