// Test that the header is self-contained.
#include "translators/cda/xml_writer.hpp"

#include <catch2/catch.hpp>

#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace cda = ncpeh::translators::cda;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;

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
    const xmlNode* t = xml::first_child(doc->root(), ns::hl7, "t");
    REQUIRE(t != nullptr);
    CHECK(xml::text_of(*t) == "x < y & \"z\" > w ]]> \xEF\xBF\xBD åäö");
}
