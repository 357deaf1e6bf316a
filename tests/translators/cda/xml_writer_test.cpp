// Test that the header is self-contained.
#include "translators/cda/xml_writer.hpp"

#include <catch2/catch.hpp>

#include "translators/cda/cda_time.hpp"
#include "translators/cda/namespaces.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/navigate.hpp"

namespace cda = ncpeh::translators::cda;
namespace xml = ncpeh::trust::xml;

TEST_CASE("the writer escapes text and attributes and always produces well-formed XML") {
    cda::xml_writer out;
    out.start("r");
    out.attribute("xmlns", "urn:hl7-org:v3");
    out.attribute("a", "\"<&>'\t\n\r");
    out.element("t", "x < y & \"z\" > w ]]> \x01 åäö");
    out.start("empty");
    out.end();
    out.end();
    const std::string text = std::move(out).finish();
    CHECK(text.find(R"(a="&quot;&lt;&amp;&gt;&apos;&#9;&#10;&#13;")") != std::string::npos);
    CHECK(text.find("<empty/>") != std::string::npos);
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    CHECK(xml::attribute(doc->root(), "a") == std::optional<std::string_view>("\"<&>'\t\n\r"));
    const xmlNode* t = xml::first_child(doc->root(), cda::hl7_ns, "t");
    REQUIRE(t != nullptr);
    CHECK(xml::text_of(*t) == "x < y & \"z\" > w ]]> \xEF\xBF\xBD åäö");
}

TEST_CASE("FHIR and CDA times convert both ways") {
    CHECK(cda::to_cda_time("2025-03-03").value() == "20250303");
    CHECK(cda::to_cda_time("2025-03-03T10:15:00+01:00").value() == "20250303101500+0100");
    CHECK(cda::to_cda_time("2025-06-10T08:05:30.123Z").value() == "20250610080530+0000");
    CHECK_FALSE(cda::to_cda_time("2025-03-03T10:15:00").has_value());
    CHECK_FALSE(cda::to_cda_time("3 March 2025").has_value());
    CHECK(cda::to_cda_time("bad").error().code == ncpeh::errc::invalid_argument);
    CHECK(cda::to_fhir_time("20250404122129+0100").value() == "2025-04-04T12:21:29+01:00");
    CHECK(cda::to_fhir_time("20120919").value() == "2012-09-19");
    CHECK(cda::to_fhir_time("202504041221-0500").value() == "2025-04-04T12:21:00-05:00");
    CHECK(cda::to_fhir_time("20250404122129").value() == "2025-04-04");
    CHECK_FALSE(cda::to_fhir_time("2025").has_value());
    CHECK_FALSE(cda::to_fhir_time("20250404x").has_value());
}
