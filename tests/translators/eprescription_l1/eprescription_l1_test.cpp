// Test that the header is self-contained.
#include "translators/eprescription_l1/write_eprescription_l1.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/eprescription_l1/read_eprescription_l1.hpp"
#include "translators/eprescription_l1/render_prescription_pdf.hpp"
#include "translators/eprescription_l1/write_eprescription_document.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"
#include "trust/encoding/base64.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace cda = ncpeh::translators::cda;
namespace fhir = ncpeh::translators::fhir;
namespace l1 = ncpeh::translators::eprescription_l1;
namespace l3 = ncpeh::translators::eprescription_l3;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;

namespace {

cda::eprescription_document insulin_prescription() {
    const auto text = ncpeh::testing::read_file(
        ncpeh::testing::source_dir() /
        "tests/translators/eprescription_l3/golden/insulin-penna-utbyte-ej.bundle.json");
    auto bundle = fhir::parse_bundle(fhir::parse_json_text(text).value()).value();
    auto found = l3::prescriptions_in_bundle(bundle).value();
    l3::eprescription_settings settings;
    settings.prescription_id_root = "2.999.752.1.2";
    settings.custodian.name = "E-hälsomyndigheten";
    auto model = l3::make_eprescription({*found.at(0).request,
                                         *found.at(0).patient,
                                         "20250611090000+0200",
                                         {"2.999.752.1.2.9", found.at(0).request->id + ".L1", {}}},
                                        settings, ncpeh::testing::test_terminology());
    REQUIRE(model.has_value());
    return model->document;
}

}  // namespace

TEST_CASE("L1: a real PDF with Swedish text, deterministic for the same inputs") {
    const cda::eprescription_document doc = insulin_prescription();
    auto pdf = l1::render_prescription_pdf(doc, "20250611090000+0200");
    if (!pdf) {
        FAIL(pdf.error().describe());
    }
    CHECK(pdf->starts_with("%PDF-1."));
    CHECK(pdf->find("%%EOF") != std::string::npos);
    CHECK(pdf->size() > 5000);
    // The fonts are embedded (DejaVu from fonts-dejavu-core) and every glyph was found,
    // including å ä ö in "Provdotter-Åström", "Märta Öjvor", "Ödeshög".
    CHECK(pdf->find("DejaVu") != std::string::npos);
    CHECK(pdf->find("/CreationDate (20250611090000+02'00") != std::string::npos);
    auto again = l1::render_prescription_pdf(doc, "20250611090000+0200");
    REQUIRE(again.has_value());
    CHECK(*again == *pdf);
}

TEST_CASE("L1: the CDA wraps the PDF in nonXMLBody with the eP L1 template") {
    const cda::eprescription_document doc = insulin_prescription();
    const std::string pdf = l1::render_prescription_pdf(doc, "20250611090000+0200").value();
    auto parsed = xml::parse_document(l1::write_eprescription_l1(doc, pdf));
    REQUIRE(parsed.has_value());
    const xmlNode& root = parsed->root();
    const xmlNode* template_id = xml::first_child(root, ns::hl7, "templateId");
    REQUIRE(template_id != nullptr);
    CHECK(xml::attribute(*template_id, "root") ==
          std::optional<std::string_view>("1.3.6.1.4.1.12559.11.10.1.3.1.1.6"));
    const xmlNode* id = xml::first_child(root, ns::hl7, "id");
    CHECK(xml::attribute(*id, "extension") ==
          std::optional<std::string_view>("0b7d5c3e-2222-4e2b-8a2f-000000000004.L1"));
    const xmlNode* text =
        xml::find_path(root, {{ns::hl7, "component"}, {ns::hl7, "nonXMLBody"}, {ns::hl7, "text"}});
    REQUIRE(text != nullptr);
    CHECK(xml::attribute(*text, "mediaType") == std::optional<std::string_view>("application/pdf"));
    CHECK(xml::attribute(*text, "representation") == std::optional<std::string_view>("B64"));
    CHECK(ncpeh::trust::encoding::base64_decode(xml::text_of(*text)) == std::optional(pdf));
    CHECK(xml::find_path(root, {{ns::hl7, "component"}, {ns::hl7, "structuredBody"}}) == nullptr);
}

TEST_CASE("the document of a level: the L3 pivot as written, or the PDF-in-CDA rendered then") {
    const cda::eprescription_document doc = insulin_prescription();
    auto pivot =
        l1::write_eprescription_document(doc, l3::document_level::l3, "20250611090000+0200");
    REQUIRE(pivot.has_value());
    CHECK(*pivot == l3::write_eprescription_l3(doc));
    auto pdf_in_cda =
        l1::write_eprescription_document(doc, l3::document_level::l1, "20250611090000+0200");
    REQUIRE(pdf_in_cda.has_value());
    const std::string pdf = l1::render_prescription_pdf(doc, "20250611090000+0200").value();
    CHECK(*pdf_in_cda == l1::write_eprescription_l1(doc, pdf));
}

TEST_CASE("L1: the embedded PDF reads back; bodies that are not one are refused") {
    const cda::eprescription_document doc = insulin_prescription();
    const std::string pdf = l1::render_prescription_pdf(doc, "20250611090000+0200").value();
    auto parsed = xml::parse_document(l1::write_eprescription_l1(doc, pdf));
    REQUIRE(parsed.has_value());
    const auto read = l1::read_embedded_pdf(parsed->root());
    REQUIRE(read.has_value());
    CHECK(*read == pdf);

    const auto l3_document = xml::parse_document(l3::write_eprescription_l3(doc));
    REQUIRE(l3_document.has_value());
    const auto not_l1 = l1::read_embedded_pdf(l3_document->root());
    REQUIRE_FALSE(not_l1.has_value());
    CHECK(not_l1.error().code == ncpeh::errc::ep_generic);

    const std::string body_start = "<component><nonXMLBody><text ";
    const std::string wrapper = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">";
    for (const std::string& body :
         {std::string("mediaType=\"text/plain\" representation=\"B64\">aGVsbG8=</text>"),
          std::string("mediaType=\"application/pdf\" representation=\"B64\">!!!</text>"),
          std::string("mediaType=\"application/pdf\" representation=\"B64\">aGVsbG8=</text>")}) {
        INFO(body);
        auto odd = xml::parse_document(wrapper + body_start + body +
                                       "</nonXMLBody></component></ClinicalDocument>");
        REQUIRE(odd.has_value());
        const auto refused = l1::read_embedded_pdf(odd->root());
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == ncpeh::errc::ep_generic);
    }
}
