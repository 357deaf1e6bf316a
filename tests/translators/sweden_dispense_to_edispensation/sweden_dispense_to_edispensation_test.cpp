// Test that the header is self-contained.
#include "translators/sweden_dispense_to_edispensation/make_edispensation.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/cda/product_atc.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/edispensation_to_nll/make_medication_dispense.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/fhir/resource.hpp"
#include "translators/sweden_dispense_to_edispensation/make_discard.hpp"
#include "translators/sweden_dispense_to_edispensation/write_edispensation.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace cda = ncpeh::translators::cda;
namespace fhir = ncpeh::translators::fhir;
namespace sed = ncpeh::translators::sweden_dispense_to_edispensation;
namespace nll = ncpeh::translators::edispensation_to_nll;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;

namespace {

/// A real foreign ePrescription from ../shared.
std::string sample_text(const std::string& name) {
    return ncpeh::testing::read_file(ncpeh::testing::peer_samples_dir() / "cda/eprescription" /
                                     name);
}

/// Our own eHDSI ePrescription of an insulin pen, substitution not allowed (N): the L3 golden
/// file of tests/translators/eprescription_l3, read here as any foreign ePrescription is.
std::string own_prescription_text() {
    return ncpeh::testing::read_file(
        ncpeh::testing::source_dir() /
        "tests/translators/eprescription_l3/golden/insulin-penna-utbyte-ej.l3.xml");
}

const std::string substitution_none =
    R"(code="N" codeSystem="2.16.840.1.113883.5.1070" codeSystemName="SubstanceAdminSubstitution" displayName="none")";
const std::string substitution_generic =
    R"(code="G" codeSystem="2.16.840.1.113883.5.1070" codeSystemName="SubstanceAdminSubstitution" displayName="generic composition")";

cda::eprescription_document read_prescription(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    auto ep = cda::read_eprescription(*doc);
    REQUIRE(ep.has_value());
    return *ep;
}

std::string dispense_text() {
    return ncpeh::testing::read_file(
        ncpeh::testing::source_dir() /
        "tests/translators/sweden_dispense_to_edispensation/golden/lantus-dispense.json");
}

fhir::medication_dispense dispense_from(const std::string& text) {
    auto json = fhir::parse_json_text(text);
    REQUIRE(json.has_value());
    auto d = fhir::parse_medication_dispense(*json);
    if (!d) {
        FAIL(d.error().describe());
    }
    return *d;
}

sed::edispensation_settings settings() {
    sed::edispensation_settings s;
    s.dispensation_id_root = "2.999.752.1.5";
    s.custodian.ids.push_back({"2.999.752.1.1", {}, {}});
    s.custodian.name = "E-hälsomyndigheten";
    s.custodian.telecoms.push_back({"WP", "tel:+46104586200", {}});
    s.custodian.addr.city = "Kalmar";
    s.custodian.addr.country = "SE";
    return s;
}

ncpeh::result<sed::edispensation_model> make(const fhir::medication_dispense& d,
                                             const cda::eprescription_document& ep,
                                             bool discard = false) {
    return sed::make_edispensation(
        {d, ep, "20261123141500+0100", {"2.999.752.1.5.9", "SE-DISP-000501.eD", {}}, discard},
        settings(), ncpeh::testing::test_terminology());
}

std::filesystem::path golden_dir() {
    return ncpeh::testing::source_dir() /
           "tests/translators/sweden_dispense_to_edispensation/golden";
}

// A Swedish dispensation (golden/*-dispense.json) with its NPL-id.
struct swedish_dispense {
    std::string file;
    std::string nplid;
};

const swedish_dispense lantus{"lantus-dispense.json", "20990120000019"};
const swedish_dispense atorvastatin_amlodipin{"atorvastatin-amlodipin-dispense.json",
                                              "20990120000026"};

// The dispensation that can fill `ep` unsubstituted: the golden dispense of the same ATC code.
const swedish_dispense* dispense_matching(const cda::eprescription_document& ep) {
    const std::string atc = cda::atc_of(ep.item.product);
    if (atc.empty() || atc == "A10AE04") {
        return &lantus;
    }
    if (atc == "C10BX03") {
        return &atorvastatin_amlodipin;
    }
    return nullptr;
}

// What every eD must satisfy, whatever the foreign prescription (the eHDSI 2024-04-22 eD rules
// this project cannot check without the validator, restated on our own reader's model): the
// product handed out named by its NPL-id, every written ingredient with numerator and
// denominator values, every package form in eHDSIPackage or nullFlavored, every dose form in
// eHDSIDoseForm or nullFlavored, at least one package level in each product.
void check_conformance(const cda::edispensation_document& ed, const std::string& nplid) {
    const auto& tables = ncpeh::testing::test_terminology();
    const auto* packages = tables.find_value_set("eHDSIPackage");
    const auto* forms = tables.find_value_set("eHDSIDoseForm");
    REQUIRE(packages != nullptr);
    REQUIRE(forms != nullptr);
    CHECK(ed.product.code.code == nplid);
    CHECK(ed.product.code.code_system == "1.2.752.129.2.1.5.1");
    CHECK(ed.product.code.translations.empty());
    REQUIRE(ed.prescribed_product);
    for (const cda::medicinal_product* product : {&ed.product, &*ed.prescribed_product}) {
        INFO(product->name);
        CHECK_FALSE(product->name.empty());
        CHECK((!product->form_code.null_flavor.empty() ||
               forms->contains(product->form_code.code, product->form_code.code_system)));
        CHECK_FALSE(product->packages.empty());
        for (const cda::package_layer& layer : product->packages) {
            CHECK_FALSE(layer.quantity.value.empty());
            CHECK((!layer.form_code.null_flavor.empty() ||
                   packages->contains(layer.form_code.code, layer.form_code.code_system)));
        }
        for (const cda::ingredient& part : product->ingredients) {
            CHECK_FALSE(part.strength.numerator.value.empty());
            CHECK_FALSE(part.strength.numerator.unit.empty());
            CHECK_FALSE(part.strength.denominator.value.empty());
            CHECK_FALSE(part.strength.denominator.unit.empty());
        }
    }
}

// Writes the eD of `dispense` against the eP text and reads it back with our own reader.
cda::edispensation_document written_and_read(const std::string& ep_text,
                                             const swedish_dispense& dispense) {
    const auto ep = read_prescription(ep_text);
    const auto d = dispense_from(ncpeh::testing::read_file(golden_dir() / dispense.file));
    auto model = make(d, ep);
    if (!model) {
        FAIL(model.error().describe());
    }
    CHECK(model->warnings.empty());
    auto doc = xml::parse_document(sed::write_edispensation(model->document));
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc);
    if (!ed) {
        FAIL(ed.error().describe());
    }
    CHECK(ed->prescription_id == ep.prescription_id);
    CHECK(ed->prescription_item_id == ep.item.id);
    return *ed;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

/// Lantus 2 packages (lantus-dispense.json) against `ep`: the eD is written, read back by the
/// country-A reader and translated on to NLL. `prescribed_code` is the code the eD's echo of the
/// prescribed product keeps (empty: not checked).
void check_edispensation_round_trip(const cda::eprescription_document& ep,
                                    const std::string& prescribed_code) {
    const auto dispense = dispense_from(dispense_text());
    auto model = make(dispense, ep);
    if (!model) {
        FAIL(model.error().describe());
    }
    CHECK(model->warnings.empty());
    const std::string text = sed::write_edispensation(model->document);
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    // Header and the links the prescribing country resolves.
    CHECK(xml::find_path(doc->root(), {{ns::hl7, "templateId"}}) != nullptr);
    auto ed = cda::read_edispensation(*doc);
    if (!ed) {
        FAIL(ed.error().describe());
    }
    CHECK_FALSE(ed->discard);
    CHECK(ed->header.template_id == "1.3.6.1.4.1.12559.11.10.1.3.1.1.2");
    CHECK(ed->header.code.code == "60593-1");
    CHECK(ed->prescription_id == ep.prescription_id);
    CHECK(ed->prescription_item_id == ep.item.id);
    CHECK(ed->header.patient.ids == ep.header.patient.ids);
    CHECK(ed->header.patient.name == ep.header.patient.name);
    CHECK(ed->dispensation_id == cda::instance_identifier{"2.999.752.1.5", "SE-DISP-000501", ""});
    CHECK(ed->packages.value == "2");
    CHECK(ed->packages.unit == "1");
    CHECK(ed->performer_time == "20261123140200+0100");
    CHECK(ed->performer.name.family == "Apoteksson");
    CHECK(ed->performer.represented_organization.ids.at(0) ==
          cda::instance_identifier{"1.3.88", "7350099999994", ""});
    CHECK(ed->performer.represented_organization.name == "Apoteket Exempelstjärnan");
    CHECK(ed->header.authors.at(0).function_code.code == "2262");
    CHECK_FALSE(ed->substituted);
    // The dispensed Swedish product: EDQM form with the Swedish term as translation, ATC,
    // UCUM units, NPL ids.
    CHECK(ed->product.name == "Lantus SoloStar 100 E/ml");
    // What was handed out is the Swedish product, named by its NPL-id alone; the prescribing
    // country's own code stays with the prescribed product in the REFR echo.
    CHECK(ed->product.code.code == "20990120000019");
    CHECK(ed->product.code.translations.empty());
    if (!prescribed_code.empty()) {
        REQUIRE(ed->prescribed_product);
        CHECK(ed->prescribed_product->code.code == prescribed_code);
    }
    CHECK(ed->product.form_code.code == "50060200");
    CHECK(ed->product.form_code.code_system == "0.4.0.127.0.16.1.1.2.1");
    REQUIRE(ed->product.form_code.translations.size() == 1);
    CHECK(ed->product.form_code.translations[0].display_name ==
          "Injektionsvätska, lösning i förfylld injektionspenna");
    CHECK(ed->product.atc.code == "A10AE04");
    REQUIRE(ed->product.packages.size() == 1);
    CHECK(ed->product.packages[0].quantity.value == "15");
    CHECK(ed->product.packages[0].quantity.unit == "mL");
    CHECK(ed->product.packages[0].code.code == "20990120100016");
    CHECK(ed->product.packages[0].form_code.code == "30050000");
    REQUIRE(ed->product.ingredients.size() == 1);
    CHECK(ed->product.ingredients[0].strength.numerator.unit == "[IU]");
    CHECK(ed->product.ingredients[0].strength.denominator.unit == "mL");
    REQUIRE(ed->prescribed_product);
    CHECK(ed->prescribed_product->name == ep.item.product.name);

    // And on to NLL: the country-A translator accepts it.
    auto nll_dispense = nll::make_medication_dispense(*ed, {});
    if (!nll_dispense) {
        FAIL(nll_dispense.error().describe());
    }
    CHECK(nll_dispense->status == "completed");
    CHECK(nll_dispense->actor_dispatch_id == "2.999.752.1.5^SE-DISP-000501");
    CHECK(nll_dispense->number_of_packages_dispensed == 2);
    CHECK(nll_dispense->when_handed_over == "2026-11-23T14:02:00+01:00");
    CHECK(nll_dispense->was_substituted == false);
}

}  // namespace

TEST_CASE("SE dispensation → eD for our own ePrescription, read back by the country-A reader") {
    // Our L3 names the prescribed product by its NPL-id, which the echo keeps.
    check_edispensation_round_trip(read_prescription(own_prescription_text()), "20990101000020");
}

TEST_CASE("SE dispensation → eD for each foreign sample, read back by the country-A reader") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    for (const char* name :
         {"fi-w7-single-ingredient.xml", "lantus-solostar-pharm-ns.xml", "fi-w2-epsos-ns.xml"}) {
        INFO(name);
        // The W2 sample names its product with a Finnish VNR code, which stays with the
        // prescribed product; the other samples have no usable product code.
        check_edispensation_round_trip(read_prescription(sample_text(name)),
                                       name == std::string("fi-w2-epsos-ns.xml") ? "089953" : "");
    }
}

TEST_CASE("SE dispensation → eD discard names the same dispensation") {
    const auto ep = read_prescription(own_prescription_text());
    auto discard = make(dispense_from(dispense_text()), ep, true);
    REQUIRE(discard.has_value());
    const std::string text = sed::write_edispensation(discard->document);
    CHECK(text.find(
              R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.2" extension="-DISCARD"/>)") !=
          std::string::npos);
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc);
    REQUIRE(ed.has_value());
    CHECK(ed->discard);
    auto reversal = nll::make_medication_dispense(*ed, {});
    REQUIRE(reversal.has_value());
    CHECK(reversal->status == "entered-in-error");
    CHECK(reversal->actor_dispatch_id == "2.999.752.1.5^SE-DISP-000501");
    // entered-in-error in the input means the same.
    auto by_status = make(dispense_from(replaced(dispense_text(), R"("status": "completed")",
                                                 R"("status": "entered-in-error")")),
                          ep);
    REQUIRE(by_status.has_value());
    CHECK(by_status->document.discard);
}

TEST_CASE("SE dispensation → eD: the discard of a sent eD repeats it, same id, as a discard") {
    const auto ep = read_prescription(own_prescription_text());
    auto sent = make(dispense_from(dispense_text()), ep);
    REQUIRE(sent.has_value());
    auto sent_doc = xml::parse_document(sed::write_edispensation(sent->document));
    REQUIRE(sent_doc.has_value());
    const auto discard = sed::make_discard(*sent_doc, "20261124090000+0100");
    REQUIRE(discard.has_value());
    auto doc = xml::parse_document(*discard);
    REQUIRE(doc.has_value());
    auto read = cda::read_edispensation(*doc);
    REQUIRE(read.has_value());
    CHECK(read->discard);
    CHECK(read->header.id == sent->document.header.id);
    CHECK(read->header.effective_time == "20261124090000+0100");
    CHECK(read->dispensation_id == sent->document.dispensation_id);
    CHECK(read->prescription_id == ep.prescription_id);
    CHECK(read->header.patient.ids == ep.header.patient.ids);
    CHECK(read->packages.value == "2");
    // What is not an eD this gateway wrote cannot be discarded.
    auto not_ed = xml::parse_document(std::string(own_prescription_text()));
    REQUIRE(not_ed.has_value());
    const auto refused = sed::make_discard(*not_ed, "20261124090000+0100");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::ed_generic);
}

TEST_CASE("SE dispensation → eD: substitution") {
    const auto substituted = dispense_from(
        replaced(dispense_text(), R"("wasSubstituted": false)", R"("wasSubstituted": true)"));
    // Our prescription forbids substitution (N).
    const auto forbidding = read_prescription(own_prescription_text());
    auto refused = make(substituted, forbidding);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::ed_substitution_not_allowed);
    // G allows it: the eD carries the COMP SUBST act and reads back as substituted.
    const auto allowing = read_prescription(
        replaced(own_prescription_text(), substitution_none, substitution_generic));
    auto model = make(substituted, allowing);
    REQUIRE(model.has_value());
    const std::string text = sed::write_edispensation(model->document);
    CHECK(text.find(R"(<code code="SUBST" codeSystem="2.16.840.1.113883.5.6")") !=
          std::string::npos);
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc);
    REQUIRE(ed.has_value());
    CHECK(ed->substituted);
}

TEST_CASE("SE dispensation → eD: missing or wrong input is a precise error") {
    const auto ep = read_prescription(own_prescription_text());
    const std::string base = dispense_text();
    struct bad_case {
        std::string text;
        ncpeh::errc code;
        std::string element;
    };
    const std::vector<bad_case> cases{
        {replaced(base, R"("valueString": "SE-DISP-000501")", R"("valueString": "")"),
         ncpeh::errc::ed_missing_basic_data, "MedicationDispense.extension:NLLActorDispatchId"},
        {replaced(base, R"("whenHandedOver": "2026-11-23T14:02:00+01:00",)", ""),
         ncpeh::errc::ed_missing_basic_data, "MedicationDispense.whenHandedOver"},
        {replaced(base, R"("valuePositiveInt": 2)", R"("valuePositiveInt": 6)"),
         ncpeh::errc::dispense_exceeds_prescription,
         "MedicationDispense.extension:NLLNumberOfPackagesDispensed"},
        {replaced(base, R"("location": { "reference": "Location/7350099999994")",
                  R"("location": { "reference": "Location/pharmacy")"),
         ncpeh::errc::ed_missing_basic_data, "MedicationDispense.location"},
        {replaced(base, R"("resourceType": "Medication", "id": "med",)",
                  R"("resourceType": "Basic", "id": "med",)"),
         ncpeh::errc::ed_missing_basic_data, "MedicationDispense.contained[Medication]"},
        {replaced(base, R"("name": [ { "family": "Apoteksson", "given": ["Alma"] } ],)", ""),
         ncpeh::errc::ed_missing_basic_data, "MedicationDispense.contained[Practitioner].name"},
        {replaced(base,
                  R"("form": { "text": "Injektionsvätska, lösning i förfylld injektionspenna" },)",
                  R"("form": { "text": "Okänd beredningsform" },)"),
         ncpeh::errc::ep_missing_expected_mapping, "Medication.form.text"},
    };
    for (const auto& c : cases) {
        INFO(c.element);
        auto model = make(dispense_from(c.text), ep);
        REQUIRE_FALSE(model.has_value());
        CHECK(model.error().code == c.code);
        CHECK(model.error().context_value("element") == c.element);
    }
    // The prescription without a Prescription ID cannot be answered.
    cda::eprescription_document no_id = ep;
    no_id.prescription_id = {};
    auto model = make(dispense_from(base), no_id);
    REQUIRE_FALSE(model.has_value());
    CHECK(model.error().code == ncpeh::errc::ed_eprescription_not_identifiable);
}

TEST_CASE("SE dispensation → eD: the product handed out is named, the prescribed one echoed") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    // The Lantus sample's product code has a placeholder code system ("..."): give it a real one.
    const auto ep = read_prescription(replaced(
        sample_text("lantus-solostar-pharm-ns.xml"),
        R"(<code codeSystem="..." code="MPID_LantusSolostar" displayName="" />)",
        R"(<code codeSystem="1.3.6.1.4.1.12559.11.10.1.3.1.44.9" code="MPID_LantusSolostar" displayName="Lantus SoloStar" />)"));
    auto model = make(dispense_from(dispense_text()), ep);
    REQUIRE(model.has_value());
    // Not substituted and the same ATC code, but still a Swedish package: its NPL-id is the
    // product code, with no foreign code claiming to be its translation.
    const auto& code = model->document.product.code;
    CHECK(code.code == "20990120000019");
    CHECK(code.code_system == "1.2.752.129.2.1.5.1");
    CHECK(code.translations.empty());
    // Written and read back, the prescribing country finds its own code in the REFR echo.
    auto doc = xml::parse_document(sed::write_edispensation(model->document));
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc);
    REQUIRE(ed.has_value());
    CHECK(ed->product.code.code == "20990120000019");
    REQUIRE(ed->prescribed_product);
    CHECK(ed->prescribed_product->code.code == "MPID_LantusSolostar");
    CHECK(ed->prescribed_product->code.code_system == "1.3.6.1.4.1.12559.11.10.1.3.1.44.9");
}

TEST_CASE(
    "SE dispensation → eD for the foreign prescription fixtures (epsos/pharm, null strengths)") {
    // golden/eprescriptions/README.md: the shapes that broke the eD rules.
    const auto fixture = [](const std::string& name) {
        return ncpeh::testing::read_file(golden_dir() / "eprescriptions" / name);
    };
    SECTION("epSOS combination: null strengths, a dose form where the package form belongs") {
        const auto ed = written_and_read(fixture("epsos-combination-null-strengths.xml"),
                                         atorvastatin_amlodipin);
        check_conformance(ed, atorvastatin_amlodipin.nplid);
        const cda::medicinal_product& echo = *ed.prescribed_product;
        CHECK(echo.code.code == "990001");
        CHECK(echo.form_code.code == "10221000");
        CHECK(echo.atc.code == "C10BX03");
        // Both strengths are unknown: no ingredient can be written with the quantity the rules
        // demand, so none is echoed (the eP keeps them).
        CHECK(echo.ingredients.empty());
        REQUIRE(echo.packages.size() == 1);
        CHECK(echo.packages[0].form_code.null_flavor == "NI");
        CHECK(echo.packages[0].quantity.value == "30");
        CHECK(echo.packages[0].quantity.unit == "1");
        CHECK(ed.product.atc.code == "C10BX03");
        CHECK(ed.product.packages.at(0).form_code.code == "30007000");
    }
    SECTION("pharm combination: three ingredients of unknown strength, a tablet as package") {
        const auto ed = written_and_read(fixture("pharm-combination-null-strengths.xml"),
                                         atorvastatin_amlodipin);
        check_conformance(ed, atorvastatin_amlodipin.nplid);
        const cda::medicinal_product& echo = *ed.prescribed_product;
        CHECK(echo.atc.code == "C10BX03");
        CHECK(echo.ingredients.empty());
        REQUIRE(echo.packages.size() == 2);
        CHECK(echo.packages[0].form_code.code == "30007000");
        CHECK(echo.packages[0].quantity.value == "10");
        CHECK(echo.packages[0].code.empty());
        CHECK(echo.packages[1].form_code.null_flavor == "NI");
        CHECK(echo.packages[1].code.code == "990002-30");
        CHECK(echo.packages[1].quantity.value == "3");
    }
    SECTION("pharm insulin: a dose form as package form, no package code, no ATC class") {
        const auto ed = written_and_read(fixture("pharm-insulin-dose-form-as-package.xml"), lantus);
        check_conformance(ed, lantus.nplid);
        const cda::medicinal_product& echo = *ed.prescribed_product;
        // "national-products" is no OID: the code cannot be written, the name stays.
        CHECK(echo.code.empty());
        CHECK(echo.name == "Kuvitteellinen Glargiini");
        CHECK(echo.form_code.code == "11201000");
        REQUIRE(echo.packages.size() == 1);
        CHECK(echo.packages[0].form_code.null_flavor == "NI");
        CHECK(echo.packages[0].code.empty());
        CHECK(echo.packages[0].quantity.value == "3");
        CHECK(echo.packages[0].quantity.unit == "mL");
        REQUIRE(echo.ingredients.size() == 1);
        CHECK(echo.ingredients[0].strength.numerator.value == "100");
        CHECK(echo.ingredients[0].strength.numerator.unit == "[IU]");
        CHECK(echo.ingredients[0].strength.denominator.unit == "mL");
        CHECK(echo.ingredients[0].substance_code.code == "A10AE04");
    }
    SECTION("epSOS insulin: no package at all, the old epSOS EDQM code system") {
        const auto ed = written_and_read(fixture("epsos-insulin-no-package.xml"), lantus);
        check_conformance(ed, lantus.nplid);
        const cda::medicinal_product& echo = *ed.prescribed_product;
        CHECK(echo.form_code.null_flavor == "NI");
        CHECK(echo.atc.code == "A10AE04");
        REQUIRE(echo.packages.size() == 1);
        CHECK(echo.packages[0].form_code.null_flavor == "NI");
        CHECK(echo.packages[0].quantity.value == "1");
        REQUIRE(echo.ingredients.size() == 1);
        CHECK(echo.ingredients[0].strength.numerator.value == "100");
    }
}

TEST_CASE("SE dispensation → eD: a product of another ATC code needs a stated substitution") {
    const auto fixture = [](const std::string& name) {
        return read_prescription(ncpeh::testing::read_file(golden_dir() / "eprescriptions" / name));
    };
    const std::string pen = ncpeh::testing::read_file(golden_dir() / lantus.file);
    // An insulin pen against a combination tablet, said not to be a substitute: refused.
    const auto allowing = fixture("pharm-combination-null-strengths.xml");  // SUBST G
    auto refused = make(dispense_from(pen), allowing);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ncpeh::errc::ed_substitution_not_allowed);
    CHECK(refused.error().context_value("element") ==
          "MedicationDispense.substitution.wasSubstituted");
    CHECK(refused.error().message.find("A10AE04") != std::string::npos);
    CHECK(refused.error().message.find("C10BX03") != std::string::npos);
    // Stated, and allowed by the eP (G): the eD names the pen that was handed out.
    const std::string substituted =
        replaced(pen, R"("wasSubstituted": false)", R"("wasSubstituted": true)");
    auto model = make(dispense_from(substituted), allowing);
    if (!model) {
        FAIL(model.error().describe());
    }
    CHECK(model->document.substituted);
    CHECK(model->document.product.code.code == lantus.nplid);
    CHECK(model->document.product.atc.code == "A10AE04");
    // Stated, but the eP forbids substitution (N): refused (one package, as prescribed there).
    auto forbidden = make(dispense_from(replaced(substituted, R"("valuePositiveInt": 2)",
                                                 R"("valuePositiveInt": 1)")),
                          fixture("epsos-combination-null-strengths.xml"));
    REQUIRE_FALSE(forbidden.has_value());
    CHECK(forbidden.error().code == ncpeh::errc::ed_substitution_not_allowed);
}

TEST_CASE("SE dispensation → eD for every foreign sample in ../shared") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const std::filesystem::path dir = ncpeh::testing::peer_samples_dir() / "cda/eprescription";
    int written = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".xml") {
            continue;
        }
        INFO(entry.path().filename().string());
        const std::string text = ncpeh::testing::read_file(entry.path());
        const swedish_dispense* dispense = dispense_matching(read_prescription(text));
        if (dispense == nullptr) {
            FAIL("no golden dispense of the prescribed ATC code: add one");
        }
        check_conformance(written_and_read(text, *dispense), dispense->nplid);
        ++written;
    }
    CHECK(written >= 3);
}
