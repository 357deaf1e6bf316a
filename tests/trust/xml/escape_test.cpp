// Test that the header is self-contained.
#include "trust/xml/escape.hpp"

#include <catch2/catch.hpp>

#include "trust/xml/document.hpp"
#include "trust/xml/navigate.hpp"

namespace xml = ncpeh::trust::xml;

TEST_CASE("escaped text is well-formed XML for every ASCII character, in text and attributes") {
    std::string all;
    for (int c = 1; c < 0x80; ++c) {
        all.push_back(static_cast<char>(c));
    }
    all += "åäö";
    CHECK(xml::escaped("<a href='x'>&\"</a>") ==
          "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;");
    CHECK(xml::escaped("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
    CHECK(xml::escaped(std::string("x\x01y\x7Fz")) == "x\xEF\xBF\xBDy\xEF\xBF\xBDz");

    const std::string text = "<r a=\"" + xml::escaped(all) + "\" b='" + xml::escaped(all) + "'>" +
                             xml::escaped(all) + "</r>";
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    // What XML 1.0 can carry comes back unchanged; other controls became U+FFFD.
    std::string expected;
    for (char ch : all) {
        const auto c = static_cast<unsigned char>(ch);
        const bool allowed = c >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r';
        expected += allowed && c != 0x7F ? std::string(1, ch) : std::string("\xEF\xBF\xBD");
    }
    CHECK(xml::attribute(doc->root(), "a") == std::optional<std::string_view>(expected));
    CHECK(xml::attribute(doc->root(), "b") == std::optional<std::string_view>(expected));
    CHECK(xml::text_of(doc->root()) == expected);
}

TEST_CASE("append_text_element and append_attribute write escaped elements and attributes") {
    std::string out = "<r";
    xml::append_attribute(out, "id", "a\"b<c");
    out += '>';
    xml::append_text_element(out, "xds:DocumentUniqueId", "1.2^A&B<C>");
    out += "</r>";
    CHECK(
        out ==
        "<r id=\"a&quot;b&lt;c\"><xds:DocumentUniqueId>1.2^A&amp;B&lt;C&gt;</xds:DocumentUniqueId>"
        "</r>");
}
