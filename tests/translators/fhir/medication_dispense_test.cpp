// Test that the header is self-contained.
#include "translators/fhir/medication_dispense.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"
#include "translators/fhir/resource.hpp"

namespace fhir = ncpeh::translators::fhir;

namespace {

boost::json::value golden(const std::string& name) {
    auto text = ncpeh::testing::read_file(ncpeh::testing::source_dir() /
                                          "tests/translators/fhir/golden" / name);
    return fhir::parse_json_text(text).value();
}

}  // namespace

TEST_CASE("an NLL uttag reads with its dispatch extensions") {
    auto d = fhir::parse_medication_dispense(golden("dispense.json")).value();
    CHECK(d.actor_dispatch_id == "A-000123");
    CHECK(d.dispatch_row_no == 1.0);
    CHECK(d.benefit_choice_code == "no-benefit");
    CHECK(d.number_of_packages_dispensed == 1);
    CHECK(d.status == "completed");
    CHECK(fhir::authorizing_prescription_id(d) == "0b7d5c3e-2222-4e2b-8a2f-000000000002");
    CHECK(d.location->reference == "Location/7350099999994");
    CHECK(d.quantity->value == 98.0);
    CHECK(d.was_substituted == false);
    CHECK_FALSE(fhir::is_paper_prescription_dispense(d));
    CHECK(fhir::parse_medication_dispense(fhir::to_json(d)).value() == d);
}

TEST_CASE("the paper/foreign prescription variant keeps its prescription details") {
    auto d = fhir::parse_medication_dispense(golden("paper_dispense.json")).value();
    CHECK(fhir::is_paper_prescription_dispense(d));
    REQUIRE(d.paper_prescription);
    CHECK(d.paper_prescription->prescriber.reference == "#foreign-prescriber");
    CHECK(d.paper_prescription->issued == "2025-05-02");
    CHECK(d.paper_prescription->prescription_identifier.value == "NO-RX-42");
    CHECK(d.paper_prescription->country == "NO");
    CHECK(d.paper_prescription->dosage_text == "1 tablett morgen");
    CHECK(d.cross_border == true);
    REQUIRE(d.contained_practitioners.size() == 1);
    CHECK(d.contained_practitioners[0].address.at(0).country == "NO");
    CHECK(d.authorizing_prescription.empty());
    CHECK(d.quantity->value == 28.5);
    CHECK(d.notes == std::vector<std::string>{"Pappersrecept från Norge"});
    auto written = fhir::to_json(d);
    CHECK(written.at("quantity").at("value").as_double() == 28.5);
    CHECK(fhir::parse_medication_dispense(written).value() == d);
}

TEST_CASE("wrong JSON types are reported with the element path, never crash") {
    auto bad = [](const char* text) {
        auto r = fhir::parse_medication_dispense(fhir::parse_json_text(text).value());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ncpeh::errc::fhir_malformed);
        return r.error().message;
    };
    CHECK(bad(R"({"resourceType":"MedicationDispense","quantity":{"value":"98"}})") ==
          "MedicationDispense.quantity: value must be a number");
    CHECK(bad(R"({"resourceType":"MedicationDispense","status":7})") ==
          "MedicationDispense: status must be a string");
    CHECK(bad(R"({"resourceType":"MedicationDispense","extension":[{"valueString":"x"}]})") ==
          "MedicationDispense.extension: url is required on an extension");
    CHECK(bad(R"({"resourceType":"MedicationDispense","extension":[{"url":
        "http://electronichealth.se/fhir/StructureDefinition/NLLActorDispatchId",
        "valueBoolean":true}]})")
              .find("must have a string value") != std::string::npos);
    CHECK(bad(R"({"resourceType":"MedicationDispense","authorizingPrescription":{}})") ==
          "MedicationDispense: authorizingPrescription must be an array");
    CHECK(bad(R"([1,2])") == "MedicationDispense: must be a JSON object");
}
