// Test that the header is self-contained.
#include "trust/xml/document.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/navigate.hpp"

namespace xml = ncpeh::trust::xml;
using ncpeh::errc;

namespace {

ncpeh::error rejection_of(const std::string& text, const xml::parse_limits& limits = {}) {
    auto parsed = xml::parse_document(text, limits);
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error();
}

}  // namespace

TEST_CASE("parses a namespaced document and finds elements by URI, not prefix") {
    const std::string text =
        R"(<a:Envelope xmlns:a="http://www.w3.org/2003/05/soap-envelope">)"
        R"(<a:Header/><x:Body xmlns:x="http://www.w3.org/2003/05/soap-envelope" k="v">hi &amp; bye</x:Body>)"
        R"(</a:Envelope>)";
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    constexpr std::string_view soap = "http://www.w3.org/2003/05/soap-envelope";
    const xmlNode& root = doc->root();
    CHECK(xml::is_element(root, soap, "Envelope"));
    const xmlNode* body = xml::first_child(root, soap, "Body");
    REQUIRE(body != nullptr);
    CHECK(xml::text_of(*body) == "hi & bye");
    CHECK(xml::attribute(*body, "k") == std::optional<std::string_view>("v"));
    CHECK_FALSE(xml::attribute(*body, "missing").has_value());
    CHECK(xml::first_child(root, "urn:other", "Body") == nullptr);
    CHECK(xml::children(root, soap, "Header").size() == 1);
}

TEST_CASE("parses every XML fixture the project writes itself") {
    int parsed = 0;
    for (const char* folder :
         {"samples/foreign-ncp/requests", "tests/translators/eprescription_l3/golden"}) {
        for (const auto& entry :
             std::filesystem::directory_iterator(ncpeh::testing::source_dir() / folder)) {
            if (entry.path().extension() != ".xml") {
                continue;
            }
            INFO(entry.path().string());
            CHECK(xml::parse_document(ncpeh::testing::read_file(entry.path())).has_value());
            ++parsed;
        }
    }
    CHECK(parsed >= 8);
}

TEST_CASE("parses every real eHDSI sample in ../shared") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto samples = ncpeh::testing::peer_samples_dir();
    int parsed = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(samples)) {
        if (entry.path().extension() != ".xml") {
            continue;
        }
        INFO(entry.path().string());
        auto doc = xml::parse_document(ncpeh::testing::read_file(entry.path()));
        CHECK(doc.has_value());
        ++parsed;
    }
    CHECK(parsed >= 15);
}

TEST_CASE("XXE with a file entity is rejected as a DOCTYPE") {
    const auto e = rejection_of(
        R"(<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>)");
    CHECK(e.code == errc::xml_doctype_forbidden);
    CHECK(e.context_value("line") == "1");
}

TEST_CASE("XXE with a network entity is rejected without network access") {
    const auto started = std::chrono::steady_clock::now();
    const auto e = rejection_of(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://192.0.2.1/evil.dtd\">\n<r/>");
    CHECK(e.code == errc::xml_doctype_forbidden);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("billion laughs is rejected before any expansion") {
    std::string text = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
    for (int i = 1; i <= 9; ++i) {
        text += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int j = 0; j < 10; ++j) {
            text += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
        }
        text += "\">";
    }
    text += "]><lolz>&lol9;</lolz>";
    CHECK(rejection_of(text).code == errc::xml_doctype_forbidden);
}

TEST_CASE("quadratic blow-up is rejected") {
    const std::string big(50000, 'a');
    std::string text = "<!DOCTYPE k [<!ENTITY a \"" + big + "\">]><k>";
    for (int i = 0; i < 2000; ++i) {
        text += "&a;";
    }
    text += "</k>";
    CHECK(rejection_of(text).code == errc::xml_doctype_forbidden);
}

TEST_CASE("an undeclared entity reference is rejected as an entity") {
    const auto e = rejection_of("<r>\n&ext;</r>");
    CHECK(e.code == errc::xml_entity_forbidden);
    CHECK(e.message.find("ext") != std::string::npos);
    CHECK(e.context_value("line") == "2");
}

TEST_CASE("nesting deeper than the limit is rejected with the limit named") {
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text += "<a>";
    }
    for (int i = 0; i < 200; ++i) {
        text += "</a>";
    }
    const auto e = rejection_of(text, {.max_bytes = 1 << 20, .max_depth = 100});
    CHECK(e.code == errc::xml_too_deep);
    CHECK(e.message.find("100") != std::string::npos);
    CHECK(xml::parse_document(text, {.max_bytes = 1 << 20, .max_depth = 200}).has_value());
}

TEST_CASE("very deep nesting (100 000 levels) is rejected quickly") {
    std::string text;
    for (int i = 0; i < 100000; ++i) {
        text += "<a>";
    }
    CHECK(rejection_of(text).code == errc::xml_too_deep);
}

TEST_CASE("oversized input is rejected before parsing") {
    const std::string text = "<r>" + std::string(2000, 'x') + "</r>";
    const auto e = rejection_of(text, {.max_bytes = 1000, .max_depth = 10});
    CHECK(e.code == errc::xml_too_large);
    CHECK(e.message == "document of 2007 bytes exceeds the limit of 1000 bytes");
}

TEST_CASE("invalid UTF-8 is rejected as an encoding error") {
    CHECK(rejection_of("<r>caf\xC3\x28</r>").code == errc::xml_invalid_encoding);
    CHECK(rejection_of("<r>\xFF\xFE</r>").code == errc::xml_invalid_encoding);
}

TEST_CASE("malformed and namespace-malformed documents are rejected") {
    CHECK(rejection_of("<r><a></r>").code == errc::xml_malformed);
    CHECK(rejection_of("").code == errc::xml_malformed);
    CHECK(rejection_of("just text").code == errc::xml_malformed);
    CHECK(rejection_of("<p:r/>").code == errc::xml_malformed);
}

TEST_CASE("predefined entities and character references still work") {
    auto doc = xml::parse_document("<r a=\"&lt;&#65;\">&gt;&#x42;&quot;&apos;</r>");
    REQUIRE(doc.has_value());
    CHECK(xml::text_of(doc->root()) == ">B\"'");
    CHECK(xml::attribute(doc->root(), "a") == std::optional<std::string_view>("<A"));
}
