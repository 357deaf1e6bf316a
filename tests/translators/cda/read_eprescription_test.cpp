// Test that the header is self-contained.
#include "translators/cda/read_eprescription.hpp"

#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;

namespace {

cda::eprescription_document read_sample(const std::string& name) {
    const auto bytes = ncpeh::testing::read_file(ncpeh::testing::shared_dir() /
                                                 "samples/ehdsi/cda/eprescription" / name);
    auto doc = ncpeh::trust::xml::parse_document(bytes);
    REQUIRE(doc.has_value());
    auto ep = cda::read_eprescription(*doc);
    if (!ep) {
        FAIL(ep.error().describe());
    }
    return *ep;
}

}  // namespace

TEST_CASE("read_eprescription: Finnish W7 document (pharm model)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto ep = read_sample("fi-w7-single-ingredient.xml");
    CHECK(ep.prescription_id ==
          cda::instance_identifier{"2.16.17.710.850.1000.990.1", "3000.1", ""});
    CHECK(ep.item.id.extension == "3000.1.1");
    CHECK(ep.header.language_code == "fi-FI");
    CHECK(ep.header.patient.name.family == "Kukko");
    CHECK(ep.header.authors.at(0).function_code.code == "221");
    CHECK(ep.item.validity_low.empty());
    const auto* period = std::get_if<cda::periodic_interval>(&ep.item.frequency);
    REQUIRE(period != nullptr);
    CHECK(period->value == "12");
    CHECK(period->unit == "h");
    CHECK(period->institution_specified);
    CHECK(ep.item.route.code == "20066000");
    CHECK(ep.item.dose_low.unit == "mL/d");
    CHECK(ep.item.product.name == "Lantus SoloStar");
    CHECK(ep.item.product.form_code.code == "50060300");
    REQUIRE(ep.item.product.packages.size() == 2);
    CHECK(ep.item.product.packages[0].quantity.value == "3");
    CHECK(ep.item.product.packages[0].form_code.code == "30051000");
    CHECK(ep.item.product.packages[1].code.code == "PCID_Lantus_Solostar");
    REQUIRE(ep.item.product.ingredients.size() == 1);
    CHECK(ep.item.product.ingredients[0].substance_code.code == "A10AE04");
    CHECK(ep.item.product.ingredients[0].strength.denominator.unit == "mL");
    CHECK(ep.item.packages.value == "5");
    CHECK(ep.item.substitution.code == "N");
    CHECK(ep.item.patient_instructions == "Diabeteksen hoitoon Käytetään tarvittaessa");
    CHECK(ep.item.fulfilment_instructions == "Tähän viesti apteekille Permanent medication.");
}

TEST_CASE("read_eprescription: legacy epsos model and early pharm document") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto w2 = read_sample("fi-w2-epsos-ns.xml");
    CHECK(w2.item.product.model == cda::product_model::epsos);
    CHECK(w2.item.product.name == "LANTUS");
    CHECK(w2.item.product.form_code.code == "11201000");
    REQUIRE(w2.item.product.packages.size() == 1);
    CHECK(w2.item.product.packages[0].quantity.value == "10");
    CHECK(w2.item.product.packages[0].quantity.unit == "mL");
    CHECK(w2.item.product.packages[0].form_code.code == "30069000");
    CHECK(w2.item.product.ingredients.at(0).strength.numerator.value == "100");
    CHECK(w2.item.packages.value == "5");
    CHECK(w2.item.substitution.code == "N");

    const auto lantus = read_sample("lantus-solostar-pharm-ns.xml");
    CHECK(lantus.item.validity_low == "20220706");
    CHECK(lantus.item.validity_high == "20220713");
    CHECK(lantus.item.product.packages.size() == 2);
    CHECK(lantus.item.fulfilment_instructions == "Tähän viesti apteekille Permanent medication.");
}

TEST_CASE("read_eprescription: not an ePrescription, no item") {
    auto ed = ncpeh::trust::xml::parse_document(
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "edispensation.xml"));
    REQUIRE(ed.has_value());
    auto not_ep = cda::read_eprescription(*ed);
    REQUIRE_FALSE(not_ep.has_value());
    CHECK(not_ep.error().code == ncpeh::errc::ep_generic);
    auto empty = ncpeh::trust::xml::parse_document(
        R"(<ClinicalDocument xmlns="urn:hl7-org:v3"><code code="57833-6"/><component><structuredBody><component><section/></component></structuredBody></component></ClinicalDocument>)");
    REQUIRE(empty.has_value());
    auto no_item = cda::read_eprescription(*empty);
    REQUIRE_FALSE(no_item.has_value());
    CHECK(no_item.error().context_value("element") == "section/entry/substanceAdministration");
}
