// Test that the header is self-contained.
#include "trust/xml/navigate.hpp"

#include <catch2/catch.hpp>

#include "trust/xml/document.hpp"

namespace xml = ncpeh::trust::xml;

TEST_CASE("find_path follows namespace-qualified steps whatever the prefixes") {
    auto doc = xml::parse_document(
        R"(<e xmlns="urn:a"><h><s:Security xmlns:s="urn:b"><Assertion xmlns="urn:c" ID="x1"/></s:Security></h></e>)");
    REQUIRE(doc.has_value());
    const xmlNode* assertion = xml::find_path(
        doc->root(), {{"urn:a", "h"}, {"urn:b", "Security"}, {"urn:c", "Assertion"}});
    REQUIRE(assertion != nullptr);
    CHECK(xml::attribute(*assertion, "ID") == std::optional<std::string_view>("x1"));
    CHECK(xml::namespace_uri(*assertion) == "urn:c");
    CHECK(xml::find_path(doc->root(), {{"urn:a", "h"}, {"urn:a", "Security"}}) == nullptr);
}

TEST_CASE("namespaced attributes are matched by URI") {
    auto doc = xml::parse_document(
        R"(<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:j="urn:j" i:type="CD" j:type="other" type="plain"/>)");
    REQUIRE(doc.has_value());
    CHECK(xml::attribute(doc->root(), "http://www.w3.org/2001/XMLSchema-instance", "type") ==
          std::optional<std::string_view>("CD"));
    CHECK(xml::attribute(doc->root(), "type") == std::optional<std::string_view>("plain"));
    CHECK(xml::attribute(doc->root(), "urn:j", "type") == std::optional<std::string_view>("other"));
}

TEST_CASE("trimmed_text_of removes surrounding XML white space only") {
    auto doc = xml::parse_document("<r>\n  a  b \t</r>");
    REQUIRE(doc.has_value());
    CHECK(xml::trimmed_text_of(doc->root()) == "a  b");
    CHECK(xml::child_elements(doc->root()).empty());
}
