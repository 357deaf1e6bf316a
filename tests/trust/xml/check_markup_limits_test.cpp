// Test that the header is self-contained.
#include "trust/xml/check_markup_limits.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace xml = ncpeh::trust::xml;
using ncpeh::errc;

namespace {

std::string element_with_attributes(int count, std::string_view name_prefix = "a") {
    std::string text = "<r";
    for (int i = 0; i < count; ++i) {
        text += " " + std::string(name_prefix) + std::to_string(i) + "=\"v\"";
    }
    return text + "/>";
}

std::string namespace_declarations(int count, std::string_view prefix) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += " xmlns:" + std::string(prefix) + std::to_string(i) +
                "=\"urn:x:" + std::to_string(i) + "\"";
    }
    return text;
}

bool accepts(std::string_view text, const xml::parse_limits& limits) {
    return xml::check_markup_limits(text, limits).has_value();
}

ncpeh::error refusal(std::string_view text, const xml::parse_limits& limits = {}) {
    auto checked = xml::check_markup_limits(text, limits);
    REQUIRE_FALSE(checked.has_value());
    return checked.error();
}

}  // namespace

TEST_CASE("attributes of one element: the limit passes, one more is refused with the line") {
    xml::parse_limits limits;
    limits.max_attributes_per_element = 8;
    CHECK(accepts(element_with_attributes(8), limits));
    const auto e =
        refusal("<?xml version=\"1.0\"?>\n<x>\n" + element_with_attributes(9) + "</x>", limits);
    CHECK(e.code == errc::xml_too_complex);
    CHECK(e.message == "an element has more than 8 attributes");
    CHECK(e.context_value("line") == "3");
}

TEST_CASE("the 100,000-attribute element of the attack is refused by the parser itself") {
    const std::string body = element_with_attributes(100000);
    auto parsed = xml::parse_document(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" + body +
        "</s:Body></s:Envelope>");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == errc::xml_too_complex);
    CHECK(parsed.error().message == "an element has more than 64 attributes");
}

TEST_CASE("attributes in the whole document are bounded") {
    xml::parse_limits limits;
    limits.max_attributes = 20;
    std::string text = "<r>";
    for (int i = 0; i < 5; ++i) {
        text += element_with_attributes(4);
    }
    CHECK(accepts(text + "</r>", limits));
    const auto e = refusal(text + element_with_attributes(1) + "</r>", limits);
    CHECK(e.code == errc::xml_too_complex);
    CHECK(e.message == "the document has more than 20 attributes");
}

TEST_CASE("elements, comments, CDATA sections and processing instructions count as nodes") {
    xml::parse_limits limits;
    limits.max_nodes = 5;
    CHECK(accepts("<?pi x?><r><!--c--><a/><![CDATA[d]]></r>", limits));
    const auto e = refusal("<?pi x?><r><!--c--><a/><![CDATA[d]]><b/></r>", limits);
    CHECK(e.code == errc::xml_too_complex);
    CHECK(e.message ==
          "the document has more than 5 elements, comments and processing "
          "instructions");
}

TEST_CASE("namespace declarations in scope are bounded; a closed element's go out of scope") {
    xml::parse_limits limits;
    limits.max_namespaces_in_scope = 10;
    const std::string sibling = "<a" + namespace_declarations(6, "p") + "/>";
    CHECK(accepts("<r" + namespace_declarations(4, "q") + ">" + sibling + sibling + "<b" +
                      namespace_declarations(6, "p") + "></b><c/></r>",
                  limits));
    const auto e = refusal("<r" + namespace_declarations(4, "q") + "><b" +
                               namespace_declarations(6, "p") + "><c xmlns=\"urn:y\"/></b></r>",
                           limits);
    CHECK(e.code == errc::xml_too_complex);
    CHECK(e.message == "more than 10 namespace declarations are in scope");
}

TEST_CASE("names and attribute values are bounded in length") {
    xml::parse_limits limits;
    limits.max_name_bytes = 16;
    limits.max_attribute_value_bytes = 32;
    CHECK(accepts("<r" + std::string(15, 'n') + " a=\"" + std::string(32, 'v') + "\"/>", limits));
    CHECK(refusal("<" + std::string(17, 'n') + "/>", limits).message ==
          "a name is longer than 16 bytes");
    CHECK(refusal("<r " + std::string(17, 'n') + "=\"v\"/>", limits).message ==
          "a name is longer than 16 bytes");
    CHECK(refusal("<r a='" + std::string(33, 'v') + "'/>", limits).message ==
          "an attribute value is longer than 32 bytes");
}

TEST_CASE("markup inside comments, CDATA, PIs and quoted values is not counted twice or hidden") {
    xml::parse_limits limits;
    limits.max_attributes_per_element = 3;
    const std::string many = " a=\"1\" b=\"2\" c=\"3\" d=\"4\"";
    // Text that looks like attributes, inside constructs the grammar reads as text.
    CHECK(accepts(
        "<r><!-- <x" + many + "/> --><![CDATA[<x" + many + "/>]]><?pi <x" + many + "/>?></r>",
        limits));
    // A '>' or '/>' inside a quoted value does not end the tag: the fourth attribute is seen.
    const auto e = refusal("<r a=\"/>\" b='>' c=\"x\" d=\"y\"/>", limits);
    CHECK(e.message == "an element has more than 3 attributes");
}

TEST_CASE("nesting beyond the depth limit is refused before libxml2 builds it") {
    xml::parse_limits limits;
    limits.max_depth = 3;
    CHECK(accepts("<a><b><c/></b></a>", limits));
    const auto e = refusal("<a><b><c><d/></c></b></a>", limits);
    CHECK(e.code == errc::xml_too_deep);
}

TEST_CASE("bytes that leave the grammar end the scan and are left to libxml2") {
    for (const std::string text : {"<", "<r a=\"1", "<r a b=\"1\"/>", "<!DOCTYPE r><r/>",
                                   "<r><!-- open", "<r/><![CDATA[", "</", "<r a=1/>", "<=/>"}) {
        INFO(text);
        CHECK(accepts(text, {}));
        CHECK_FALSE(xml::parse_document(text).has_value());
    }
}
