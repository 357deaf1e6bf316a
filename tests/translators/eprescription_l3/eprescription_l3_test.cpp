// Test that the header is self-contained.
#include "translators/eprescription_l3/make_eprescription.hpp"

#include <libxml/c14n.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/test_files.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/cda/read_header.hpp"
#include "translators/cda/read_medicinal_product.hpp"
#include "translators/eprescription_l3/describe_item.hpp"
#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace cda = ncpeh::translators::cda;
namespace fhir = ncpeh::translators::fhir;
namespace l3 = ncpeh::translators::eprescription_l3;
namespace term = ncpeh::translators::terminology;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

const std::filesystem::path golden_dir =
    ncpeh::testing::source_dir() / "tests/translators/eprescription_l3/golden";
constexpr std::string_view now = "20250304100000+0100";

l3::eprescription_settings test_settings(
    term::mapping_policy policy = term::mapping_policy::error) {
    l3::eprescription_settings settings;
    settings.prescription_id_root = "2.999.752.1.2";
    settings.policy = policy;
    settings.custodian.ids.push_back({"2.999.752.1.1", {}, {}});
    settings.custodian.name = "E-hälsomyndigheten";
    settings.custodian.telecoms.push_back({"WP", "tel:+46104586200", {}});
    settings.custodian.addr.city = "Kalmar";
    settings.custodian.addr.country = "SE";
    return settings;
}

fhir::bundle load_bundle(const std::string& text) {
    auto json = fhir::parse_json_text(text);
    REQUIRE(json.has_value());
    auto bundle = fhir::parse_bundle(*json);
    REQUIRE(bundle.has_value());
    return std::move(*bundle);
}

ncpeh::result<l3::eprescription_model> translate(const fhir::bundle& bundle,
                                                 const l3::eprescription_settings& settings) {
    auto found = l3::prescriptions_in_bundle(bundle);
    REQUIRE(found.has_value());
    REQUIRE(found->size() == 1);
    return l3::make_eprescription({*found->front().request,
                                   *found->front().patient,
                                   std::string(now),
                                   {"2.999.752.1.2.9", found->front().request->id + ".L3", {}}},
                                  settings, ncpeh::testing::test_terminology());
}

std::string canonical(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    xmlChar* bytes = nullptr;
    const int size = xmlC14NDocDumpMemory(doc->get(), nullptr, XML_C14N_1_0, nullptr, 0, &bytes);
    REQUIRE(size >= 0);
    std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
    xmlFree(bytes);
    return out;
}

const xmlNode* path(const xmlNode& from, std::initializer_list<std::string_view> steps) {
    const xmlNode* node = &from;
    for (std::string_view step : steps) {
        const bool pharm = step.starts_with("pharm:");
        node = xml::first_child(*node, pharm ? ns::pharm : ns::hl7, pharm ? step.substr(6) : step);
        if (node == nullptr) {
            return nullptr;
        }
    }
    return node;
}

std::string attr(const xmlNode* node, std::string_view name) {
    REQUIRE(node != nullptr);
    return std::string(xml::attribute(*node, name).value_or(""));
}

}  // namespace

TEST_CASE("SE → eP L3: every sample bundle matches its golden file (canonical XML)") {
    // Regenerate with NCPEH_REGENERATE_GOLDEN=1 and review the diff (golden/README.md).
    const bool regenerate = std::getenv("NCPEH_REGENERATE_GOLDEN") != nullptr;
    int compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(golden_dir)) {
        const std::string name = entry.path().filename().string();
        if (!name.ends_with(".bundle.json")) {
            continue;
        }
        INFO(name);
        const fhir::bundle bundle = load_bundle(ncpeh::testing::read_file(entry.path()));
        auto model = translate(bundle, test_settings());
        if (!model) {
            FAIL(model.error().describe());
        }
        CHECK(model->warnings.empty());
        const std::string xml_text = l3::write_eprescription_l3(model->document);
        const auto golden = golden_dir / (name.substr(0, name.size() - 12) + ".l3.xml");
        if (regenerate) {
            std::ofstream(golden, std::ios::binary) << xml_text;
        }
        CHECK(canonical(xml_text) == canonical(ncpeh::testing::read_file(golden)));
        // Deterministic: a second run gives the same bytes.
        CHECK(l3::write_eprescription_l3(translate(bundle, test_settings())->document) == xml_text);
        ++compared;
    }
    CHECK(compared == 3);
}

TEST_CASE("SE → eP L3: the amlodipine prescription has every required part") {
    const fhir::bundle bundle =
        load_bundle(ncpeh::testing::read_file(golden_dir / "amlodipin-tablett.bundle.json"));
    auto model = translate(bundle, test_settings());
    REQUIRE(model.has_value());
    auto doc = xml::parse_document(l3::write_eprescription_l3(model->document));
    REQUIRE(doc.has_value());
    const xmlNode& root = doc->root();
    CHECK(xml::is_element(root, ns::hl7, "ClinicalDocument"));
    CHECK_FALSE(xml::attribute(root, ns::xsi, "schemaLocation").has_value());
    CHECK(attr(path(root, {"templateId"}), "root") == "1.3.6.1.4.1.12559.11.10.1.3.1.1.1");
    CHECK(attr(path(root, {"code"}), "code") == "57833-6");
    CHECK(attr(path(root, {"code"}), "displayName") == "Prescription for medication");
    CHECK(attr(path(root, {"effectiveTime"}), "value") == now);
    CHECK(attr(path(root, {"languageCode"}), "code") == "sv-SE");
    CHECK(attr(path(root, {"confidentialityCode"}), "code") == "N");
    const xmlNode* patient_id = path(root, {"recordTarget", "patientRole", "id"});
    CHECK(attr(patient_id, "root") == "1.2.752.129.2.1.3.1");
    CHECK(attr(patient_id, "extension") == "191212121212");
    CHECK(attr(path(root, {"recordTarget", "patientRole", "patient", "administrativeGenderCode"}),
               "code") == "M");
    CHECK(attr(path(root, {"recordTarget", "patientRole", "patient", "birthTime"}), "value") ==
          "19121212");
    CHECK(attr(path(root, {"author", "functionCode"}), "code") == "221");
    CHECK(attr(path(root, {"author", "functionCode"}), "codeSystem") ==
          "2.16.840.1.113883.2.9.6.2.7");
    CHECK(attr(path(root, {"author", "time"}), "value") == "20250303101500+0100");
    CHECK(attr(path(root, {"author", "assignedAuthor", "id"}), "root") == "1.2.752.116.3.1.2");
    CHECK(xml::trimmed_text_of(*path(root, {"author", "assignedAuthor", "assignedPerson", "name",
                                            "family"})) == "Läkarsson");
    CHECK(attr(path(root, {"author", "assignedAuthor", "representedOrganization", "telecom"}),
               "value") == "tel:+4680000000");
    CHECK(xml::trimmed_text_of(*path(root, {"legalAuthenticator", "assignedEntity",
                                            "assignedPerson", "name", "given"})) == "Eva");
    CHECK(xml::trimmed_text_of(*path(root, {"custodian", "assignedCustodian",
                                            "representedCustodianOrganization", "name"})) ==
          "E-hälsomyndigheten");
    CHECK(attr(path(root, {"relatedDocument"}), "typeCode") == "XFRM");

    const xmlNode* section = path(root, {"component", "structuredBody", "component", "section"});
    REQUIRE(section != nullptr);
    CHECK(attr(path(*section, {"templateId"}), "root") == "1.3.6.1.4.1.12559.11.10.1.3.1.2.1");
    CHECK(attr(path(*section, {"id"}), "root") == "2.999.752.1.2");
    CHECK(attr(path(*section, {"id"}), "extension") == "0b7d5c3e-2222-4e2b-8a2f-000000000002");
    CHECK(attr(path(*section, {"code"}), "code") == "57828-6");
    const std::string narrative = xml::text_of(*path(*section, {"text"}));
    CHECK(narrative.find("1 tablett 1 gång dagligen") != std::string::npos);
    CHECK(narrative.find("Amlodipin Exempel") != std::string::npos);

    const xmlNode* item = path(*section, {"entry", "substanceAdministration"});
    REQUIRE(item != nullptr);
    CHECK(attr(path(*item, {"id"}), "root") == "2.999.752.1.2.1");
    CHECK(attr(path(*item, {"statusCode"}), "code") == "active");
    CHECK(attr(path(*item, {"effectiveTime", "low"}), "value") == "20250303");
    CHECK(attr(path(*item, {"effectiveTime", "high"}), "value") == "20260303");
    const auto times = xml::children(*item, ns::hl7, "effectiveTime");
    REQUIRE(times.size() == 2);
    CHECK(attr(xml::first_child(*times[1], ns::hl7, "period"), "value") == "1");
    CHECK(attr(xml::first_child(*times[1], ns::hl7, "period"), "unit") == "d");
    CHECK(attr(path(*item, {"routeCode"}), "code") == "20053000");
    CHECK(attr(path(*item, {"routeCode", "translation"}), "code") == "26643006");
    CHECK(attr(path(*item, {"doseQuantity", "low"}), "unit") == "1");

    const xmlNode* material =
        path(*item, {"consumable", "manufacturedProduct", "manufacturedMaterial"});
    REQUIRE(material != nullptr);
    CHECK(attr(path(*material, {"code"}), "code") == "20990101000013");
    CHECK(attr(path(*material, {"pharm:formCode"}), "code") == "10219000");
    CHECK(attr(path(*material, {"pharm:formCode", "translation"}), "displayName") == "Tablett");
    CHECK(attr(path(*material, {"pharm:asContent", "pharm:quantity"}), "value") == "98");
    CHECK(attr(path(*material,
                    {"pharm:asContent", "pharm:containerPackagedProduct", "pharm:formCode"}),
               "code") == "30007000");
    CHECK(attr(path(*material, {"pharm:asContent", "pharm:containerPackagedProduct", "pharm:code"}),
               "code") == "20990101100010");
    CHECK(attr(path(*material,
                    {"pharm:asSpecializedKind", "pharm:generalizedMaterialKind", "pharm:code"}),
               "code") == "C08CA01");
    CHECK(attr(path(*material, {"pharm:ingredient", "pharm:quantity", "numerator"}), "value") ==
          "5");
    CHECK(attr(path(*material, {"pharm:ingredient", "pharm:quantity", "numerator"}), "unit") ==
          "mg");
    CHECK(attr(path(*item, {"entryRelationship", "supply", "quantity"}), "value") == "1");
    bool substitution = false;
    bool patient_instructions = false;
    for (const xmlNode* relationship : xml::children(*item, ns::hl7, "entryRelationship")) {
        if (const xmlNode* value = path(*relationship, {"observation", "value"})) {
            substitution = attr(value, "code") == "G";
        }
        if (const xmlNode* code = path(*relationship, {"act", "code"})) {
            patient_instructions = patient_instructions || attr(code, "code") == "PINSTRUCT";
        }
    }
    CHECK(substitution);
    CHECK(patient_instructions);

    // The CDA readers issue #5 uses read back what the writer wrote.
    const cda::document_header header = cda::read_header(root);
    CHECK(header.patient == model->document.header.patient);
    CHECK(header.authors == model->document.header.authors);
    CHECK(cda::read_medicinal_product(*path(*item, {"consumable", "manufacturedProduct"})) ==
          model->document.item.product);
    // And the whole document reads back into the model it was written from (the narrative-only
    // treatment reason and dosage text aside).
    auto read_back = cda::read_eprescription(*doc);
    REQUIRE(read_back.has_value());
    cda::eprescription_document expected = model->document;
    expected.item.dosage_text.clear();
    expected.item.treatment_reason.clear();
    // The item's text/reference points at the product row of the narrative.
    expected.item.narrative_text = l3::describe_item(model->document).product;
    CHECK(read_back->item == expected.item);
    CHECK(read_back->prescription_id == expected.prescription_id);
    CHECK(read_back->header.legal_authenticator == expected.header.legal_authenticator);
    CHECK(read_back->header.custodian.name == expected.header.custodian.name);
}

TEST_CASE("SE → eP L3: substitution not allowed becomes N, SNOMED routes and IE units map") {
    const fhir::bundle bundle =
        load_bundle(ncpeh::testing::read_file(golden_dir / "insulin-penna-utbyte-ej.bundle.json"));
    auto model = translate(bundle, test_settings());
    REQUIRE(model.has_value());
    const cda::prescription_item& item = model->document.item;
    CHECK(item.substitution.code == "N");
    CHECK(item.route.code == "20066000");
    CHECK(item.dose_low.unit == "[IU]");
    CHECK(item.packages.value == "5");
    CHECK(item.product.form_code.code == "11201000");
    CHECK(item.product.packages.at(0).form_code.code == "30050000");
    CHECK(item.product.packages.at(0).quantity.unit == "mL");
    CHECK(item.product.ingredients.at(0).strength.denominator.unit == "mL");
    CHECK(model->document.header.authors.at(0).time == "20250610080530+0000");
    CHECK(model->document.header.patient.name.given == std::vector<std::string>{"Märta", "Öjvor"});
}

TEST_CASE("SE → eP L3: unstructured dosage keeps its text and has no structured frequency") {
    const fhir::bundle bundle = load_bundle(
        ncpeh::testing::read_file(golden_dir / "oral-losning-ostrukturerad.bundle.json"));
    auto model = translate(bundle, test_settings());
    REQUIRE(model.has_value());
    CHECK(std::holds_alternative<std::monostate>(model->document.item.frequency));
    CHECK(model->document.item.dosage_text == "10 ml vid behov, högst 4 gånger per dygn");
    CHECK(model->document.header.authors.at(0).function_code.code == "2261");
    CHECK(model->document.item.substitution.empty());
}

TEST_CASE("SE → eP L3: an unmappable code is an explicit error, or a warning by policy") {
    std::string text = ncpeh::testing::read_file(golden_dir / "amlodipin-tablett.bundle.json");
    text.replace(text.find("\"Tablett\""), std::string("\"Tablett\"").size(), "\"Munhålepasta\"");
    const fhir::bundle bundle = load_bundle(text);

    auto failed = translate(bundle, test_settings());
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == errc::ep_missing_expected_mapping);
    CHECK(ncpeh::ehdsi_code(failed.error().code) == "ERROR_EP_MISSING_EXPECTED_MAPPING");
    CHECK(failed.error().context_value("term") == "Munhålepasta");
    CHECK(failed.error().context_value("element") == "Medication.form.text");

    auto tolerated = translate(bundle, test_settings(term::mapping_policy::warning));
    REQUIRE(tolerated.has_value());
    REQUIRE(tolerated->warnings.size() == 1);
    CHECK(tolerated->warnings[0].code == errc::ep_missing_expected_mapping_warning);
    CHECK(tolerated->warnings[0].level == ncpeh::severity::warning);
    CHECK(tolerated->document.item.product.form_code.null_flavor == "NI");
    CHECK(tolerated->document.item.product.form_code.original_text == "Munhålepasta");
    const std::string xml_text = l3::write_eprescription_l3(tolerated->document);
    CHECK(xml_text.find(
              R"(<pharm:formCode nullFlavor="NI"><originalText>Munhålepasta</originalText>)") !=
          std::string::npos);
}

TEST_CASE("SE → eP L3: prescriptions that may not go abroad are refused") {
    SECTION("not active") {
        std::string text = ncpeh::testing::read_file(golden_dir / "amlodipin-tablett.bundle.json");
        text.replace(text.find("\"status\": \"active\""),
                     std::string("\"status\": \"active\"").size(), "\"status\": \"on-hold\"");
        auto model = translate(load_bundle(text), test_settings());
        REQUIRE_FALSE(model.has_value());
        CHECK(model.error().code == errc::eprescription_not_dispensable);
    }
    SECTION("dose-dispensed") {
        std::string text = ncpeh::testing::read_file(golden_dir / "amlodipin-tablett.bundle.json");
        const std::string flag = R"(NLLDosePackaging", "valueBoolean": false)";
        text.replace(text.find(flag), flag.size(), R"(NLLDosePackaging", "valueBoolean": true)");
        auto model = translate(load_bundle(text), test_settings());
        REQUIRE_FALSE(model.has_value());
        CHECK(model.error().code == errc::eprescription_not_dispensable);
    }
    SECTION("a patient without personnummer") {
        std::string text = ncpeh::testing::read_file(golden_dir / "amlodipin-tablett.bundle.json");
        const std::string system = "http://electronichealth.se/identifier/personnummer";
        text.replace(text.find(system), system.size(), "urn:oid:1.2.3.4");
        auto model = translate(load_bundle(text), test_settings());
        REQUIRE_FALSE(model.has_value());
        CHECK(model.error().code == errc::ep_generic);
        CHECK(model.error().context_value("element") == "Patient.identifier");
    }
    SECTION("an unknown prescriber profession") {
        std::string text = ncpeh::testing::read_file(golden_dir / "amlodipin-tablett.bundle.json");
        text.replace(text.find("\"code\": \"LK\""), std::string("\"code\": \"LK\"").size(),
                     "\"code\": \"XX\"");
        auto model = translate(load_bundle(text), test_settings(term::mapping_policy::warning));
        REQUIRE_FALSE(model.has_value());
        CHECK(model.error().code == errc::ep_missing_expected_mapping);
    }
}
