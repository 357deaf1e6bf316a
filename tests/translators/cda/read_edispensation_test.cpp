// Test that the header is self-contained.
#include "translators/cda/read_edispensation.hpp"

#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
using ncpeh::errc;

namespace {

cda::edispensation_document read_sample(const std::string& name) {
    const auto bytes = ncpeh::testing::read_file(ncpeh::testing::shared_dir() /
                                                 "samples/ehdsi/cda/edispensation" / name);
    auto doc = ncpeh::trust::xml::parse_document(bytes);
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc);
    if (!ed) {
        FAIL(ed.error().describe());
    }
    return *ed;
}

ncpeh::result<cda::edispensation_document> read_text(const std::string& text) {
    auto doc = ncpeh::trust::xml::parse_document(text);
    REQUIRE(doc.has_value());
    return cda::read_edispensation(*doc);
}

}  // namespace

TEST_CASE("our own Finnish eDispensation (pharm model, written by ncpeh's eD writer)") {
    const auto ed = *read_text(
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "edispensation.xml"));
    CHECK_FALSE(ed.discard);
    CHECK(ed.header.template_id == "1.3.6.1.4.1.12559.11.10.1.3.1.1.2");
    CHECK(ed.header.code.code == "60593-1");
    CHECK(ed.prescription_id ==
          cda::instance_identifier{"2.999.752.1.2", "5e020001-0000-4000-8000-000000000001", ""});
    CHECK(ed.dispensation_id == cda::instance_identifier{"2.999.246.1.5", "900000001", ""});
    REQUIRE_FALSE(ed.header.patient.ids.empty());
    CHECK(ed.header.patient.ids[0] ==
          cda::instance_identifier{"1.2.752.129.2.1.3.1", "191212121212", ""});
    CHECK(ed.header.patient.name.family == "Testsson");
    CHECK(ed.packages.value == "1");
    CHECK(ed.performer_time == "20261123130500+0200");
    CHECK(ed.performer.name.family == "Apteekkari");
    CHECK(ed.performer.represented_organization.ids.at(0) ==
          cda::instance_identifier{"1.3.88", "6419999999990", ""});
    CHECK(ed.performer.represented_organization.name == "Testiapteekki");
    CHECK_FALSE(ed.substituted);
    CHECK(ed.product.name == "Metformin Exempel 500 mg");
    CHECK(ed.product.atc.code == "A10BA02");
    REQUIRE(ed.prescribed_product);
    CHECK(ed.prescribed_product->atc.code == "A10BA02");
}

TEST_CASE("Polish eDispensation (pharm model, translations in v3 under a pharm prefix)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto ed = read_sample("plrequest1-for-dk-prescription.xml");
    CHECK_FALSE(ed.discard);
    CHECK(ed.prescription_id ==
          cda::instance_identifier{"1.2.208.176.7.2.2", "481295000650102", ""});
    CHECK(ed.prescription_item_id.extension == "481295000650102");
    CHECK(ed.dispensation_id.extension == "A9F0065214DE43D1AB0509-1");
    CHECK(ed.packages.value == "1");
    CHECK(ed.packages.unit == "1");
    CHECK(ed.product.model == cda::product_model::pharm);
    CHECK(ed.product.name == "Asubtela");
    CHECK(ed.product.code.code == "100224877");
    CHECK(ed.product.description == "3 mg + 0,03 mg");
    CHECK(ed.product.form_code.code == "10221000");
    REQUIRE(ed.product.form_code.translations.size() == 1);
    CHECK(ed.product.form_code.translations[0].display_name == "Tabletki powlekane");
    REQUIRE(ed.product.packages.size() == 2);
    CHECK(ed.product.packages[0].quantity.value == "21");
    CHECK(ed.product.packages[0].quantity.original_text == "tablet");
    CHECK(ed.product.packages[1].code.code == "05909990773541");
    CHECK(ed.product.atc.code == "G03AA12");
    REQUIRE(ed.product.ingredients.size() == 2);
    CHECK(ed.product.ingredients[1].strength.numerator.value == "0.03");
    CHECK(ed.product.ingredients[1].substance_name == "Ethinylestradiol");
    CHECK_FALSE(ed.substituted);
    CHECK(ed.performer_time == "20250404122129+0100");
    CHECK(ed.performer.name.family == "Testowy");
    CHECK(ed.performer.name.given == std::vector<std::string>{"Farmaceuta"});
    CHECK(ed.performer.represented_organization.name == "Apteka porcelanowa");
    CHECK(ed.performer.represented_organization.ids.at(0).extension == "1230011");
    CHECK(ed.performer.represented_organization.addr.country == "PL");
    CHECK(ed.header.language_code == "pl-PL");
    REQUIRE(ed.prescribed_product.has_value());
    CHECK(ed.prescribed_product->code.code == "28105051112");
}

TEST_CASE("Czech eDispensation (TM translations nested three deep)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto ed = read_sample("czrequest1-for-dk-prescription.xml");
    CHECK(ed.prescription_id.extension == "469854419288102");
    CHECK(ed.prescription_item_id.root == "1.2.208.176.7.2.2");
    CHECK(ed.product.name == "Pinex");
    CHECK(ed.product.form_code.code == "10714000");
    REQUIRE(ed.product.form_code.translations.size() == 1);
    REQUIRE(ed.product.form_code.translations[0].translations.size() == 1);
    REQUIRE(ed.product.form_code.translations[0].translations[0].translations.size() == 1);
    CHECK(ed.product.form_code.translations[0].translations[0].translations[0].code == "TABFILM");
    REQUIRE(ed.product.packages.size() == 1);
    CHECK(ed.product.packages[0].quantity.value == "100");
    CHECK(ed.product.packages[0].code.code == "56232");
    CHECK(ed.packages.value == "1");
    CHECK_FALSE(ed.substituted);
    CHECK(ed.performer_time == "20241125144804+0000");
    CHECK(ed.performer.name.family == "HRABÁČEK");
    CHECK(ed.performer.represented_organization.name == "NCP-B-CZ Portal");
    CHECK(ed.performer.represented_organization.addr.country == "CZ");
}

TEST_CASE("Greek eDispensation (substitution performed, nullFlavored strength)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto ed = read_sample("grrequest1-for-dk-prescription.xml");
    CHECK(ed.prescription_id.extension == "465668632384101");
    CHECK(ed.dispensation_id.extension == "1.2.208.176.7.2.2^465668632384101");
    CHECK(ed.product.name == "ALGOCIT");
    CHECK(ed.product.code.code == "2802799301027");
    CHECK(ed.product.atc.code == "N02BE01");
    REQUIRE(ed.product.ingredients.size() == 1);
    CHECK(ed.product.ingredients[0].strength.numerator.null_flavor == "NI");
    CHECK(ed.substituted);
    CHECK(ed.packages.value == "1");
    CHECK(ed.performer_time == "20241121191421+0200");
    CHECK(ed.performer.name.family == "pharmacist");
    CHECK(ed.performer.represented_organization.name.empty());
    CHECK(ed.performer.represented_organization.addr.country == "GR");
    CHECK(ed.header.parent_document_ids.at(0).null_flavor == "NI");
}

TEST_CASE("Swedish epSOS-era eDispensation (legacy epsos product model)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto ed = read_sample("se-edispensation-epsos-era.xml");
    CHECK(ed.prescription_id == cda::instance_identifier{"1.2.752.129.2.1.2.1", "5.207420676", ""});
    CHECK(ed.product.model == cda::product_model::epsos);
    CHECK(ed.product.name == "Panodil® Forte");
    CHECK(ed.product.code.code == "549485");
    CHECK(ed.product.form_code.code == "10221000");
    CHECK(ed.product.form_code.code_system == "1.3.6.1.4.1.12559.11.10.1.3.1.44.1");
    REQUIRE(ed.product.packages.size() == 1);
    CHECK(ed.product.packages[0].quantity.value == "100");
    CHECK(ed.product.packages[0].name == "Panodil Forte tabl 1g");
    CHECK(ed.product.atc.code == "N02BE01");
    REQUIRE(ed.product.ingredients.size() == 1);
    CHECK(ed.product.ingredients[0].strength.numerator.value == "1.0");
    CHECK(ed.product.ingredients[0].strength.numerator.unit == "g");
    CHECK(ed.packages.value == "2");
    CHECK(ed.performer_time == "20120919");
    CHECK(ed.performer.name.family == "Nyström");
    CHECK(ed.performer.represented_organization.name == "epSOS Test");
    CHECK_FALSE(ed.substituted);
    REQUIRE(ed.prescribed_product.has_value());
    CHECK(ed.prescribed_product->form_code.translations.at(0).translations.at(0).code == "FICOTA");
}

namespace {

// A minimal well-formed eDispensation whose parts the cases below remove or spoil.
std::string minimal_ed(const std::string& order, const std::string& quantity,
                       const std::string& extra = "") {
    return R"(<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:pharm="urn:hl7-org:pharm">
<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.2"/><id root="1.2.3.4" extension="d1"/>
<code code="60593-1" codeSystem="2.16.840.1.113883.6.1"/>)" +
           order +
           R"(<component><structuredBody><component><section><id root="1.2.3.4" extension="s1"/>
<entry typeCode="COMP"><supply classCode="SPLY" moodCode="EVN"><id root="1.2.3.4" extension="x1"/>)" +
           quantity + R"(<product><manufacturedProduct><manufacturedMaterial><name>Alvedon</name>
</manufacturedMaterial></manufacturedProduct></product>
<performer><time value="20250101120000+0100"/></performer>
<entryRelationship typeCode="REFR"><substanceAdministration><id root="2.999.752.1.2.1" extension="rx1"/>
</substanceAdministration></entryRelationship>)" +
           extra +
           R"(</supply></entry></section></component></structuredBody></component></ClinicalDocument>)";
}

const std::string good_order =
    R"(<inFulfillmentOf><order moodCode="RQO"><id root="2.999.752.1.2" extension="rx1"/></order></inFulfillmentOf>)";
const std::string good_quantity = R"(<quantity value="2" unit="1"/>)";

}  // namespace

TEST_CASE("a minimal eDispensation reads") {
    auto ed = read_text(minimal_ed(good_order, good_quantity));
    REQUIRE(ed.has_value());
    CHECK(ed->prescription_id.extension == "rx1");
    CHECK(ed->packages.value == "2");
}

TEST_CASE("inconsistent eDispensations give precise eHDSI errors") {
    SECTION("no prescription id") {
        auto ed = read_text(minimal_ed("", good_quantity));
        REQUIRE_FALSE(ed.has_value());
        CHECK(ed.error().code == errc::ed_eprescription_not_identifiable);
        CHECK(ncpeh::ehdsi_code(ed.error().code) == "ERROR_ED_EPRESCRIPTION_NOT_IDENTIFIABLE");
        CHECK(ed.error().context_value("element") == "inFulfillmentOf/order/id");
    }
    SECTION("no quantity") {
        auto ed = read_text(minimal_ed(good_order, ""));
        REQUIRE_FALSE(ed.has_value());
        CHECK(ed.error().code == errc::ed_missing_basic_data);
    }
    SECTION("absurd quantities") {
        for (const char* q :
             {R"(<quantity value="0" unit="1"/>)", R"(<quantity value="-3" unit="1"/>)",
              R"(<quantity value="1e9" unit="1"/>)", R"(<quantity value="two" unit="1"/>)",
              R"(<quantity value="2" unit="mg"/>)"}) {
            auto ed = read_text(minimal_ed(good_order, q));
            REQUIRE_FALSE(ed.has_value());
            CHECK(ed.error().code == errc::ed_generic);
            CHECK(ed.error().context_value("element").starts_with("supply/quantity"));
        }
    }
    SECTION("unknown substitution code") {
        auto ed = read_text(minimal_ed(
            good_order, good_quantity,
            R"(<entryRelationship typeCode="COMP"><act><code code="XYZ" codeSystem="1.2.3"/></act></entryRelationship>)"));
        REQUIRE_FALSE(ed.has_value());
        CHECK(ed.error().code == errc::ed_missing_expected_mapping);
        CHECK(ncpeh::ehdsi_code(ed.error().code) == "ERROR_ED_MISSING_EXPECTED_MAPPING");
    }
    SECTION("not an eDispensation") {
        auto doc = ncpeh::trust::xml::parse_document(
            R"(<ClinicalDocument xmlns="urn:hl7-org:v3"><code code="57833-6"/></ClinicalDocument>)");
        REQUIRE(doc.has_value());
        auto ed = cda::read_edispensation(*doc);
        REQUIRE_FALSE(ed.has_value());
        CHECK(ed.error().code == errc::ed_generic);
    }
    SECTION("a ClinicalDocument in the wrong namespace") {
        auto doc = ncpeh::trust::xml::parse_document(
            R"(<ClinicalDocument xmlns="urn:hl7-org:v2"><code code="60593-1"/></ClinicalDocument>)");
        REQUIRE(doc.has_value());
        CHECK(cda::read_edispensation(*doc).error().code == errc::ed_generic);
    }
}

TEST_CASE("a discard is recognised from the caller or from the document") {
    auto doc = ncpeh::trust::xml::parse_document(minimal_ed(good_order, good_quantity));
    REQUIRE(doc.has_value());
    CHECK(cda::read_edispensation(*doc, true)->discard);
    std::string marked = minimal_ed(good_order, good_quantity);
    marked.replace(marked.find("1.3.6.1.4.1.12559.11.10.1.3.1.1.2\""),
                   std::string("1.3.6.1.4.1.12559.11.10.1.3.1.1.2\"").size(),
                   "1.3.6.1.4.1.12559.11.10.1.3.1.1.2\" extension=\"2024-04-19-DISCARD\"");
    auto marked_doc = ncpeh::trust::xml::parse_document(marked);
    REQUIRE(marked_doc.has_value());
    CHECK(cda::read_edispensation(*marked_doc)->discard);
}
