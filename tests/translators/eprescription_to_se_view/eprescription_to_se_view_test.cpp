// Test that the header is self-contained.
#include "translators/eprescription_to_se_view/make_swedish_view.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/cda/product_atc.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource.hpp"
#include "translators/fhir/uris.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
namespace fhir = ncpeh::translators::fhir;
namespace view = ncpeh::translators::eprescription_to_se_view;
namespace uris = fhir::uris;

namespace {

constexpr const char* today = "2026-11-23";

std::string sample_text(const std::string& name) {
    return ncpeh::testing::read_file(ncpeh::testing::shared_dir() /
                                     "samples/ehdsi/cda/eprescription" / name);
}

cda::eprescription_document read_text(const std::string& text) {
    auto doc = ncpeh::trust::xml::parse_document(text);
    REQUIRE(doc.has_value());
    auto ep = cda::read_eprescription(*doc);
    if (!ep) {
        FAIL(ep.error().describe());
    }
    return *ep;
}

std::vector<fhir::medication> national_products() {
    auto json = fhir::parse_json_text(ncpeh::testing::read_file(
        ncpeh::testing::source_dir() / "samples/national-store/seed/products.json"));
    REQUIRE(json.has_value());
    auto bundle = fhir::parse_bundle(*json);
    REQUIRE(bundle.has_value());
    std::vector<fhir::medication> out;
    for (const auto* m : fhir::resources_of<fhir::medication>(*bundle)) {
        out.push_back(*m);
    }
    return out;
}

ncpeh::result<view::swedish_view> view_of(const cda::eprescription_document& ep,
                                          const std::vector<fhir::medication>& products = {}) {
    return view::make_swedish_view({ep, products, today}, ncpeh::testing::test_terminology());
}

view::swedish_view view_of_sample(const std::string& name,
                                  const std::vector<fhir::medication>& products = {}) {
    const auto ep = read_text(sample_text(name));
    auto v = view_of(ep, products);
    if (!v) {
        FAIL(v.error().describe());
    }
    return *v;
}

bool has_warning(const view::swedish_view& v, std::string_view code) {
    return std::any_of(v.warnings.begin(), v.warnings.end(),
                       [&](const view::view_warning& w) { return w.code == code; });
}

const fhir::extension* find(const std::vector<fhir::extension>& list, std::string_view url) {
    return fhir::find_extension(list, url);
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// The text with the first element that starts with `open` (through its end tag `close`) removed.
std::string without(std::string text, std::string_view open, std::string_view close) {
    const auto begin = text.find(open);
    REQUIRE(begin != std::string::npos);
    const auto end = text.find(close, begin);
    REQUIRE(end != std::string::npos);
    return text.erase(begin, end + close.size() - begin);
}

}  // namespace

TEST_CASE("se-view: our own eHDSI ePrescription of an insulin pen (pharm model)") {
    // The golden L3 of tests/translators/eprescription_l3, read as any foreign document is.
    const auto ep = read_text(ncpeh::testing::read_file(
        ncpeh::testing::source_dir() /
        "tests/translators/eprescription_l3/golden/insulin-penna-utbyte-ej.l3.xml"));
    auto view = view_of(ep, national_products());
    if (!view) {
        FAIL(view.error().describe());
    }
    const view::swedish_view& v = *view;
    REQUIRE(v.patient.identifiers.size() == 1);
    CHECK(v.patient.identifiers[0].system == "urn:oid:1.2.752.129.2.1.3.1");
    CHECK(v.patient.identifiers[0].value == "196505179249");
    REQUIRE(v.prescriptions.size() == 1);
    const fhir::medication_request& r = v.prescriptions[0];
    CHECK(r.status == "active");
    CHECK(boost::json::serialize(r.unknown.at("groupIdentifier")) ==
          R"({"system":"urn:oid:2.999.752.1.2","value":"0b7d5c3e-2222-4e2b-8a2f-000000000004"})");
    CHECK(r.substitution_allowed == false);
    CHECK(has_warning(v, "substitution-not-allowed"));
    REQUIRE(r.medication);
    CHECK(fhir::atc_code(*r.medication) == "A10AE04");
    // The Swedish insulin glargine pens of the product register are the candidates.
    REQUIRE_FALSE(v.candidates.at(0).empty());
    const auto bundle = view::to_bundle(v);
    CHECK(bundle.entries.size() >= 3);
}

TEST_CASE("se-view: Finnish W7 ePrescription (pharm model) in Swedish") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto v = view_of_sample("fi-w7-single-ingredient.xml");
    // The foreign patient.
    REQUIRE(v.patient.identifiers.size() == 1);
    CHECK(v.patient.identifiers[0].system == "urn:oid:2.16.17.710.850.1000.990.1.1000");
    CHECK(v.patient.identifiers[0].value == "1-1234-W7");
    REQUIRE(v.patient.name.size() == 1);
    CHECK(v.patient.name[0].family == "Kukko");
    CHECK(v.patient.name[0].given == std::vector<std::string>{"Katriina", "Kastehelmi"});
    CHECK(v.patient.gender == "female");
    CHECK(v.patient.birth_date == "2000-01-01");

    REQUIRE(v.prescriptions.size() == 1);
    const fhir::medication_request& r = v.prescriptions[0];
    CHECK(r.status == "active");
    CHECK(r.intent == "order");
    CHECK(r.subject.reference == "Patient/ehdsi-patient");
    CHECK(r.authored_on == "2018-08-31T16:24:54+02:00");
    // Ids kept: document id, Prescription ID, item id.
    const auto* document_id = find(r.other_extensions, uris::ext_ehdsi_document_id);
    REQUIRE(document_id != nullptr);
    CHECK(boost::json::serialize(document_id->value) ==
          R"({"system":"urn:oid:2.16.17.710.850.1000.990.1","value":"3000"})");
    CHECK(boost::json::serialize(r.unknown.at("groupIdentifier")) ==
          R"({"system":"urn:oid:2.16.17.710.850.1000.990.1","value":"3000.1"})");
    CHECK(boost::json::serialize(r.unknown.at("identifier")) ==
          R"([{"system":"urn:oid:2.16.17.710.850.1000.990.1","value":"3000.1.1"}])");
    const auto* language = find(r.other_extensions, uris::ext_original_language);
    REQUIRE(language != nullptr);
    CHECK(language->value.as_string() == "fi-FI");
    const auto* country = find(r.other_extensions, uris::ext_prescribing_country);
    REQUIRE(country != nullptr);
    CHECK(country->value.as_string() == "FI");

    // Prescriber: name, ISCO code kept, Swedish text.
    REQUIRE(r.prescriber);
    CHECK(r.prescriber->name.at(0).family == "Heinänenä");
    CHECK(r.prescriber->name.at(0).given == std::vector<std::string>{"Vilhelmiina", "Adelmiina"});
    REQUIRE(r.prescriber->qualifications.size() == 1);
    CHECK(r.prescriber->qualifications[0].text == "Läkare");
    CHECK(r.prescriber->qualifications[0].coding.at(0).code == "221");
    CHECK(r.prescriber->qualifications[0].coding.at(0).system ==
          "urn:oid:2.16.840.1.113883.2.9.6.2.7");
    CHECK(r.prescriber->identifiers.at(0).value == "031807");
    REQUIRE(r.prescriber_location);
    CHECK(r.prescriber_location->name == "Vesanto");
    CHECK(r.prescriber_location->address->city == "Testikaupunki");

    // Product, strength, form, packages.
    REQUIRE(r.medication);
    const fhir::medication& m = *r.medication;
    CHECK(m.code.text == "Lantus SoloStar");
    CHECK(fhir::atc_code(m) == "A10AE04");
    CHECK(m.manufacturer_display == "Merck AB");
    CHECK(
        boost::json::serialize(m.unknown.at("form")) ==
        R"({"coding":[{"system":"urn:oid:0.4.0.127.0.16.1.1.2.1","code":"50060300","display":"Solution For injection in pre-filled syringe"}],"text":"Injektionsvätska, lösning i förfylld spruta"})");
    REQUIRE(m.article_info);
    CHECK(m.article_info->strength_text == "100 per milliliter");
    CHECK(m.article_info->package_container == "Kartong");
    CHECK(m.article_info->package_description == "Kartong med 5 × Förfylld spruta 3 milliliter");
    CHECK(m.identifiers.at(0).value == "PCID_Lantus_Solostar");
    const auto& ingredient = m.unknown.at("ingredient").as_array().at(0).as_object();
    CHECK(
        boost::json::serialize(ingredient.at("strength")) ==
        R"({"numerator":{"value":100,"unit":"styck","system":"http://unitsofmeasure.org","code":"1"},"denominator":{"value":1,"unit":"milliliter","system":"http://unitsofmeasure.org","code":"mL"}})");
    REQUIRE(r.dispense_request);
    CHECK(r.dispense_request->number_of_packages_prescribed == 5);
    CHECK_FALSE(r.dispense_request->validity_period);

    // Dosage: the original Finnish text, structured parts with Swedish text.
    REQUIRE(r.dosage_instruction.size() == 1);
    const fhir::dosage& d = r.dosage_instruction[0];
    CHECK(d.text ==
          "LANTUS Käytetään tarvittaessa LANTUS Tähän viesti apteekille Permanent medication. "
          "Diabeteksen hoitoon Käytetään tarvittaessa LANTUS");
    CHECK(d.unknown.at("patientInstruction").as_string() ==
          "Diabeteksen hoitoon Käytetään tarvittaessa");
    CHECK(d.frequency == 1);
    CHECK(d.period == 12.0);
    CHECK(d.period_unit == "h");
    REQUIRE(d.route);
    CHECK(d.route->text == "Subkutan användning");
    CHECK(d.route->coding.at(0).code == "20066000");
    REQUIRE(d.dose_quantity);
    CHECK(d.dose_quantity->value == 1.0);
    CHECK(d.dose_quantity->code == "mL/d");
    CHECK(d.dose_quantity->unit == "milliliter per dygn");
    CHECK(boost::json::serialize(r.unknown.at("note")) ==
          R"([{"text":"Tähän viesti apteekille Permanent medication."}])");

    // Substitution N: not allowed, original code kept, flagged.
    CHECK(r.substitution_allowed == false);
    const auto* substitution = find(r.other_extensions, uris::ext_ehdsi_substitution);
    REQUIRE(substitution != nullptr);
    CHECK(
        boost::json::serialize(substitution->value) ==
        R"({"coding":[{"system":"urn:oid:2.16.840.1.113883.5.1070","code":"N"}],"text":"Utbyte ej tillåtet"})");
    CHECK(has_warning(v, "substitution-not-allowed"));
    CHECK(has_warning(v, "older-than-one-year"));
    CHECK_FALSE(has_warning(v, "legacy-product-model"));
    CHECK_FALSE(has_warning(v, "narcotic"));
}

TEST_CASE("se-view: AT Lantus sample (pharm numerators, validity period, PhPID)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto v = view_of_sample("lantus-solostar-pharm-ns.xml", national_products());
    CHECK(v.patient.identifiers.at(0).value == "1-1234-W5");
    const fhir::medication_request& r = v.prescriptions.at(0);
    CHECK(r.medication->code.text == "Lantus SoloStar");
    // The product code is kept as sent, even with its odd code system "...".
    CHECK(r.medication->code.coding.at(0).code == "MPID_LantusSolostar");
    CHECK(r.medication->code.coding.at(0).system == "...");
    CHECK(fhir::atc_code(*r.medication) == "A10AE04");
    CHECK(r.medication->article_info->strength_text == "100 per milliliter");
    REQUIRE(r.dispense_request->validity_period);
    CHECK(r.dispense_request->validity_period->start == "2022-07-06");
    CHECK(r.dispense_request->validity_period->end == "2022-07-13");
    CHECK(r.dispense_request->number_of_packages_prescribed == 5);
    CHECK(r.dosage_instruction.at(0).dose_quantity->value == 3.0);
    CHECK(r.substitution_allowed == false);
    CHECK(has_warning(v, "prescription-expired"));
    CHECK(has_warning(v, "substitution-not-allowed"));
    // The Swedish insulin glargine pen: same ATC and strength, another dose form.
    REQUIRE(v.candidates.at(0).size() == 1);
    const view::product_candidate& c = v.candidates[0][0];
    CHECK(fhir::npl_id(c.product) == "20990105000019");
    CHECK(c.strength_matches);
    CHECK_FALSE(c.form_matches);
}

TEST_CASE("se-view: Finnish W2 ePrescription (legacy epsos model, national translations)") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto v = view_of_sample("fi-w2-epsos-ns.xml", national_products());
    CHECK(v.patient.identifiers.at(0).system == "urn:oid:1.2.246.21");
    CHECK(v.patient.identifiers.at(0).value == "150681-902H");
    CHECK(v.patient.birth_date == "1981-06-15");
    const fhir::medication_request& r = v.prescriptions.at(0);
    CHECK(r.authored_on == "2018-08-31");
    const fhir::medication& m = *r.medication;
    CHECK(m.code.text == "LANTUS");
    // The Finnish VNR code and ATC with Fimea's translation are all kept.
    CHECK(m.code.coding.at(0).code == "089953");
    CHECK(m.code.coding.at(0).system == "urn:oid:1.2.246.537.6.55");
    CHECK(fhir::atc_code(m) == "A10AE04");
    const bool fimea = std::any_of(m.code.coding.begin(), m.code.coding.end(), [](const auto& c) {
        return c.system == "urn:oid:1.2.246.537.6.32" && c.display == "Glargininsuliini";
    });
    CHECK(fimea);
    CHECK(m.article_info->strength_text == "100 U/ml");
    CHECK(m.article_info->package_description == "Injektionsflaska 10 milliliter");
    const auto form = boost::json::serialize(m.unknown.at("form"));
    CHECK(form.find(R"("text":"Injektionsvätska, lösning")") != std::string::npos);
    CHECK(form.find(R"("code":"injektionesteliuos")") != std::string::npos);
    CHECK(r.dispense_request->number_of_packages_prescribed == 5);
    CHECK(r.substitution_allowed == false);
    CHECK(r.dosage_instruction.at(0).text.starts_with("LANTUS Käytetään tarvittaessa"));
    CHECK_FALSE(r.dosage_instruction.at(0).dose_quantity);
    CHECK_FALSE(r.dosage_instruction.at(0).frequency);
    CHECK(has_warning(v, "legacy-product-model"));
    CHECK(has_warning(v, "substitution-not-allowed"));
    REQUIRE(v.candidates.at(0).size() == 1);
    CHECK(v.candidates[0][0].strength_matches);
}

TEST_CASE("se-view: the bundle is NLL-style FHIR JSON under project URLs") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto v = view_of_sample("fi-w7-single-ingredient.xml", national_products());
    const auto bundle = view::to_bundle(v);
    CHECK(bundle.type == "collection");
    const std::string text = boost::json::serialize(fhir::to_json(bundle));
    // Parses back as a bundle with the typed resources.
    auto parsed_json = fhir::parse_json_text(text);
    REQUIRE(parsed_json.has_value());
    auto parsed = fhir::parse_bundle(*parsed_json);
    REQUIRE(parsed.has_value());
    CHECK(fhir::resources_of<fhir::patient>(*parsed).size() == 1);
    CHECK(fhir::resources_of<fhir::medication_request>(*parsed).size() == 1);
    CHECK(fhir::resources_of<fhir::medication>(*parsed).size() == 1);  // the candidate
    REQUIRE(fhir::resources_of<fhir::operation_outcome>(*parsed).size() == 1);
    const auto* outcome = fhir::resources_of<fhir::operation_outcome>(*parsed)[0];
    const bool substitution_issue =
        std::any_of(outcome->issues.begin(), outcome->issues.end(), [](const auto& issue) {
            return issue.severity == "warning" &&
                   issue.details.coding.at(0).code == "substitution-not-allowed" &&
                   issue.details.coding.at(0).system == uris::se_view_warning_system;
        });
    CHECK(substitution_issue);
    CHECK(text.find(uris::ext_candidate_for) != std::string::npos);
    // Project extensions never under electronichealth.se.
    for (std::string_view url :
         {uris::ext_ehdsi_document_id, uris::ext_original_language, uris::ext_ehdsi_substitution,
          uris::ext_ehdsi_package, uris::ext_candidate_for, uris::se_view_warning_system,
          uris::foreign_prescription_view}) {
        CHECK(url.starts_with(uris::project_base));
    }
    CHECK(text.find("\"electronichealth.se") == std::string::npos);
}

TEST_CASE("se-view: narcotics and products without Swedish match are flagged") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    // The W7 prescription rewritten to oxycodone (N02AA05): narcotic in Sweden (förteckning II
    // in the national product register).
    const auto ep = read_text(replaced(sample_text("fi-w7-single-ingredient.xml"),
                                       R"(code="A10AE04")", R"(code="N02AA05")"));
    auto v = view_of(ep, national_products());
    REQUIRE(v.has_value());
    CHECK(has_warning(*v, "narcotic"));
    // An ATC code with no Swedish product.
    const auto other = read_text(replaced(sample_text("fi-w7-single-ingredient.xml"),
                                          R"(code="A10AE04")", R"(code="A10AE05")"));
    auto none = view_of(other, national_products());
    REQUIRE(none.has_value());
    CHECK(has_warning(*none, "no-swedish-product"));
    CHECK(none->candidates.at(0).empty());
}

TEST_CASE("se-view: several entries and a substitution-allowing prescription") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    std::string text = sample_text("fi-w7-single-ingredient.xml");
    const auto begin = text.find("<entry typeCode=\"COMP\">");
    const auto end = text.find("</entry>") + std::string("</entry>").size();
    std::string second = text.substr(begin, end - begin);
    second = replaced(second, R"(extension="3000.1.1")", R"(extension="3000.1.2")");
    second = replaced(second, R"(<value code="N")", R"(<value code="G")");
    text.insert(end, second);
    const auto ep = read_text(text);
    REQUIRE(ep.further_items.size() == 1);
    CHECK(ep.further_items[0].id.extension == "3000.1.2");
    auto v = view_of(ep);
    REQUIRE(v.has_value());
    REQUIRE(v->prescriptions.size() == 2);
    CHECK(v->prescriptions[0].id == "ehdsi-item-1");
    CHECK(v->prescriptions[1].id == "ehdsi-item-2");
    CHECK(v->prescriptions[0].substitution_allowed == false);
    CHECK(v->prescriptions[1].substitution_allowed == true);
    CHECK(has_warning(*v, "several-items"));
}

TEST_CASE("se-view: missing mandatory elements are errors naming the element") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const std::string w7 = sample_text("fi-w7-single-ingredient.xml");
    struct missing_case {
        std::string text;
        std::string element;
    };
    const std::vector<missing_case> cases{
        {replaced(w7, R"(<id extension="3000" root="2.16.17.710.850.1000.990.1" />)", ""),
         "ClinicalDocument/id"},
        {replaced(w7, R"(<id extension="3000.1" root="2.16.17.710.850.1000.990.1" />)", ""),
         "section/id"},
        {replaced(w7, R"(<id extension="3000.1.1" root="2.16.17.710.850.1000.990.1" />)", ""),
         "substanceAdministration/id"},
        {replaced(w7, R"(<id extension="1-1234-W7" root="2.16.17.710.850.1000.990.1.1000" />)", ""),
         "recordTarget/patientRole/id"},
        {without(w7, "<name>\n                    <given qualifier=\"CL\">", "</name>"),
         "recordTarget/patientRole/patient/name"},
        {without(w7, "<author>", "</author>"), "author/assignedAuthor"},
        {without(w7, "<name>\n                    <given>Vilhelmiina", "</name>"),
         "author/assignedAuthor/assignedPerson/name"},
        {replaced(w7, R"(<quantity unit="1" value="5" />)", ""),
         "entryRelationship/supply/quantity"},
        {without(w7, "<manufacturedMaterial", "</manufacturedMaterial>"),
         "consumable/manufacturedProduct/manufacturedMaterial"},
    };
    for (const auto& c : cases) {
        INFO(c.element);
        const auto ep = read_text(c.text);
        auto v = view_of(ep);
        REQUIRE_FALSE(v.has_value());
        CHECK(v.error().code == ncpeh::errc::ep_generic);
        CHECK(v.error().context_value("element") == c.element);
    }
}

TEST_CASE("se-view: non-CDA input and the wrong document type are refused") {
    auto not_cda = ncpeh::trust::xml::parse_document(R"(<Bundle xmlns="http://hl7.org/fhir"/>)");
    REQUIRE(not_cda.has_value());
    auto read = cda::read_eprescription(*not_cda);
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().context_value("element") == "ClinicalDocument");
    auto ed = ncpeh::trust::xml::parse_document(
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "edispensation.xml"));
    REQUIRE(ed.has_value());
    auto wrong = cda::read_eprescription(*ed);
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().code == ncpeh::errc::ep_generic);
    CHECK(wrong.error().context_value("element") == "ClinicalDocument/code");
    CHECK_FALSE(ncpeh::trust::xml::parse_document("not xml at all").has_value());
}

TEST_CASE("find_candidate_products ranks by dose form and strength") {
    const auto products = national_products();
    cda::medicinal_product tablet;
    tablet.form_code = {"10219000", "0.4.0.127.0.16.1.1.2.1", {}, {}, "Tablet", {}, {}, {}};
    tablet.atc = {"C08CA01", "2.16.840.1.113883.6.73", {}, {}, "amlodipine", {}, {}, {}};
    cda::ingredient part;
    part.substance_code = tablet.atc;
    part.strength = {{"5", "mg", {}, {}}, {"1", "1", {}, {}}};
    tablet.ingredients.push_back(part);
    auto found =
        view::find_candidate_products(tablet, products, ncpeh::testing::test_terminology());
    REQUIRE(found.size() == 1);
    CHECK(fhir::npl_pack_id(found[0].product) == "20990101100010");
    CHECK(found[0].form_matches);
    CHECK(found[0].strength_matches);
    // 10 mg does not match the 5 mg tablet, a capsule form does not match a tablet.
    tablet.ingredients[0].strength.numerator.value = "10";
    tablet.form_code.code = "10210000";
    found = view::find_candidate_products(tablet, products, ncpeh::testing::test_terminology());
    REQUIRE(found.size() == 1);
    CHECK_FALSE(found[0].form_matches);
    CHECK_FALSE(found[0].strength_matches);
    // No ATC, no candidates.
    CHECK(cda::atc_of(cda::medicinal_product{}).empty());
    CHECK(view::find_candidate_products({}, products, ncpeh::testing::test_terminology()).empty());
}

TEST_CASE("se-view: several active ingredients are all kept") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    std::string text = sample_text("fi-w7-single-ingredient.xml");
    const auto begin = text.find("<pharm:ingredient classCode=\"ACTI\">");
    const auto end = text.find("</pharm:ingredient>") + std::string("</pharm:ingredient>").size();
    std::string second = text.substr(begin, end - begin);
    second = replaced(second, R"(code="A10AE04" displayName="insulin glargine")",
                      R"(code="A10AB05" displayName="insulin aspart")");
    text.insert(end, second);
    const auto ep = read_text(text);
    REQUIRE(ep.item.product.ingredients.size() == 2);
    auto v = view_of(ep, national_products());
    REQUIRE(v.has_value());
    const fhir::medication& m = *v->prescriptions.at(0).medication;
    const auto& ingredients = m.unknown.at("ingredient").as_array();
    REQUIRE(ingredients.size() == 2);
    CHECK(boost::json::serialize(ingredients[1].at("itemCodeableConcept")).find("A10AB05") !=
          std::string::npos);
    // A combination has no single ATC here: no strength text, no candidates, a warning.
    CHECK(m.article_info->strength_text.empty());
    CHECK(fhir::atc_code(m).empty());
    CHECK(has_warning(*v, "no-atc-code"));
}
