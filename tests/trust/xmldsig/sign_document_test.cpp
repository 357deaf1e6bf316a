#include "trust/xmldsig/sign_document.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"
#include "trust/xmldsig/verify_document_signature.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::trust;

const std::filesystem::path pki = testing::source_dir() / "samples/pki/generated";

std::string dump(const xml::document& doc) {
    xmlChar* text = nullptr;
    int size = 0;
    xmlDocDumpMemory(doc.get(), &text, &size);
    std::string out(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
    xmlFree(text);
    return out;
}

const char* metadata =
    "<smp:SignedServiceMetadata xmlns:smp=\"http://docs.oasis-open.org/bdxr/ns/SMP/2016/05\">"
    "<smp:ServiceMetadata><smp:EndpointURI>https://ncp.se.localhost/xca</smp:EndpointURI>"
    "</smp:ServiceMetadata></smp:SignedServiceMetadata>";

}  // namespace

TEST_CASE("whole-document signatures round trip and detect tampering") {
    const auto seal =
        xmldsig::signing_credential::load(pki / "se-seal.pem", pki / "se-seal.key").value();
    const auto smp = x509::trust_store::load(x509::store_kind::smp, pki / "ca.pem").value();
    const auto now = std::chrono::system_clock::now();
    auto doc = xml::parse_document(metadata).value();
    REQUIRE(xmldsig::sign_document(doc, seal).has_value());
    const std::string signed_text = dump(doc);
    CHECK(signed_text.find("URI=\"\"") != std::string::npos);

    auto reparsed = xml::parse_document(signed_text).value();
    const auto verdict = xmldsig::verify_document_signature(
        reparsed, smp, x509::certificate_purpose::metadata_signing, now);
    INFO((verdict ? std::string() : verdict.error().describe()));
    REQUIRE(verdict.has_value());
    CHECK(verdict->chain.country == "SE");

    std::string tampered = signed_text;
    tampered.replace(tampered.find("ncp.se.localhost"), 16, "evil.example.com");
    auto bad = xml::parse_document(tampered).value();
    CHECK(xmldsig::verify_document_signature(bad, smp, x509::certificate_purpose::metadata_signing,
                                             now)
              .error()
              .code == errc::signature_invalid);

    // A signature copied in after signing breaks the digest; two signatures at the root are a
    // binding error; an unsigned document is refused.
    std::string twice = signed_text;
    const auto sig = twice.substr(twice.find("<ds:Signature"),
                                  twice.find("</ds:Signature>") + 15 - twice.find("<ds:Signature"));
    twice.replace(twice.find("</smp:ServiceMetadata>"), 0, sig);
    auto doubled = xml::parse_document(twice).value();
    CHECK(xmldsig::verify_document_signature(doubled, smp,
                                             x509::certificate_purpose::metadata_signing, now)
              .error()
              .code == errc::signature_invalid);
    std::string two_at_root = signed_text;
    two_at_root.replace(two_at_root.find("</smp:SignedServiceMetadata>"), 0, sig);
    auto two = xml::parse_document(two_at_root).value();
    CHECK(xmldsig::verify_document_signature(two, smp, x509::certificate_purpose::metadata_signing,
                                             now)
              .error()
              .code == errc::signature_binding_invalid);
    auto unsigned_doc = xml::parse_document(metadata).value();
    CHECK(xmldsig::verify_document_signature(unsigned_doc, smp,
                                             x509::certificate_purpose::metadata_signing, now)
              .error()
              .code == errc::signature_invalid);
}

TEST_CASE("exclusive c14n document signatures verify too") {
    const auto seal =
        xmldsig::signing_credential::load(pki / "se-seal-ec.pem", pki / "se-seal-ec.key").value();
    const auto smp = x509::trust_store::load(x509::store_kind::smp, pki / "ca.pem").value();
    auto doc = xml::parse_document(metadata).value();
    REQUIRE(xmldsig::sign_document(doc, seal, xmldsig::exc_c14n).has_value());
    auto reparsed = xml::parse_document(dump(doc)).value();
    CHECK(xmldsig::verify_document_signature(reparsed, smp,
                                             x509::certificate_purpose::metadata_signing,
                                             std::chrono::system_clock::now())
              .has_value());
}

TEST_CASE("a signing credential refuses a key that does not match its certificate") {
    const auto mismatch =
        xmldsig::signing_credential::load(pki / "se-seal.pem", pki / "fi-seal.key");
    REQUIRE_FALSE(mismatch.has_value());
    CHECK(mismatch.error().code == errc::invalid_argument);
}

TEST_CASE("SMP-shaped metadata: the outer signature covers a nested national signature") {
    const auto smp = x509::trust_store::load(x509::store_kind::smp, pki / "ca.pem").value();
    const auto now = std::chrono::system_clock::now();
    // The national authority signs ServiceMetadata; the SMP then signs the whole envelope.
    auto inner =
        xml::parse_document(
            "<smp:ServiceMetadata xmlns:smp=\"http://docs.oasis-open.org/bdxr/ns/SMP/2016/05\">"
            "<smp:EndpointURI>https://ncp.fi.localhost/xca</smp:EndpointURI>"
            "</smp:ServiceMetadata>")
            .value();
    REQUIRE(xmldsig::sign_document(
                inner,
                xmldsig::signing_credential::load(pki / "fi-seal.pem", pki / "fi-seal.key").value())
                .has_value());
    std::string inner_text = dump(inner);
    inner_text = inner_text.substr(inner_text.find("<smp:ServiceMetadata"));
    auto outer = xml::parse_document(
                     "<smp:SignedServiceMetadata "
                     "xmlns:smp=\"http://docs.oasis-open.org/bdxr/ns/SMP/2016/05\">" +
                     inner_text + "</smp:SignedServiceMetadata>")
                     .value();
    REQUIRE(xmldsig::sign_document(
                outer,
                xmldsig::signing_credential::load(pki / "se-seal.pem", pki / "se-seal.key").value())
                .has_value());
    const std::string signed_text = dump(outer);

    auto reparsed = xml::parse_document(signed_text).value();
    const auto verdict = xmldsig::verify_document_signature(
        reparsed, smp, x509::certificate_purpose::metadata_signing, now);
    INFO((verdict ? std::string() : verdict.error().describe()));
    REQUIRE(verdict.has_value());
    CHECK(verdict->chain.country == "SE");

    // The nested signature verifies on its own subtree.
    const auto start = signed_text.find("<smp:ServiceMetadata");
    const auto end = signed_text.find("</smp:ServiceMetadata>") + 22;
    auto national = xml::parse_document(signed_text.substr(start, end - start)).value();
    const auto inner_verdict = xmldsig::verify_document_signature(
        national, smp, x509::certificate_purpose::metadata_signing, now);
    REQUIRE(inner_verdict.has_value());
    CHECK(inner_verdict->chain.country == "FI");

    // Changing the nested signature (here: dropping its value) breaks the outer one.
    std::string tampered = signed_text;
    const auto value = tampered.find("<ds:SignatureValue>");
    tampered.replace(value + 19, 8, "AAAAAAAA");
    auto bad = xml::parse_document(tampered).value();
    CHECK(xmldsig::verify_document_signature(bad, smp, x509::certificate_purpose::metadata_signing,
                                             now)
              .error()
              .code == errc::signature_invalid);
}
