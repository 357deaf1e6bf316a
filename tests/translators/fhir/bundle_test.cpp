// Test that the header is self-contained.
#include "translators/fhir/bundle.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"
#include "translators/fhir/uris.hpp"

namespace fhir = ncpeh::translators::fhir;
namespace json = boost::json;

namespace {

json::value golden(const std::string& name) {
    auto text = ncpeh::testing::read_file(ncpeh::testing::source_dir() /
                                          "tests/translators/fhir/golden" / name);
    return fhir::parse_json_text(text).value();
}

}  // namespace

TEST_CASE("the §6.3-style prescription bundle reads into the typed model") {
    auto b = fhir::parse_bundle(golden("prescription_bundle.json")).value();
    CHECK(b.type == "collection");
    REQUIRE(b.entries.size() == 3);

    auto patients = fhir::resources_of<fhir::patient>(b);
    REQUIRE(patients.size() == 1);
    CHECK(patients[0]->identifiers.at(0).value == "191212121212");
    CHECK(patients[0]->birth_date == "1912-12-12");
    CHECK(patients[0]->active == true);

    auto requests = fhir::resources_of<fhir::medication_request>(b);
    REQUIRE(requests.size() == 1);
    const auto& m = *requests[0];
    CHECK(m.nll_status == fhir::nll_status::aktiv);  // read from the §6.3 spelling of the URL
    CHECK(fhir::subject_patient_id(m) == "6f0c2a8e-1111-4c1a-9d1e-000000000001");
    REQUIRE(m.prescriber);
    CHECK(fhir::prescriber_code(*m.prescriber) == "1234567");
    CHECK(m.prescriber->qualifications.at(0).coding.at(0).code == "LK");
    REQUIRE(m.medication);
    CHECK(fhir::npl_pack_id(*m.medication) == "20990101100010");
    CHECK(fhir::npl_id(*m.medication) == "20990101000013");
    CHECK(fhir::atc_code(*m.medication) == "C08CA01");
    CHECK(m.medication->form_text == "Tablett");
    CHECK(m.medication->amount->numerator.value == 98.0);
    REQUIRE(m.prescriber_location);
    CHECK(m.prescriber_location->address->city == "Stockholm");
    CHECK(m.patient_treatment_reason == "mot högt blodtryck");
    CHECK(m.prescription_format->code == "ELECTRONIC");
    CHECK(m.authored_on == "2025-03-03T10:15:00+01:00");
    REQUIRE(m.dispense_request);
    const auto& d = *m.dispense_request;
    CHECK(d.workplace_code == "4000000000000");
    CHECK(d.number_of_packages_prescribed == 1);
    CHECK(d.number_of_dispenses_allowed == 3);
    CHECK(d.dose_packaging == false);
    CHECK(d.pharmaceutical_benefits == true);
    CHECK(d.validity_period->end == "2026-03-03");
    CHECK(d.number_of_repeats_allowed == 2);
    CHECK(d.dispense_interval->value == 60.0);
    CHECK(d.dispense_interval->code == "d");
    REQUIRE(m.dosage_instruction.size() == 1);
    CHECK(m.dosage_instruction[0].frequency == 1);
    CHECK(m.dosage_instruction[0].period_unit == "d");
    CHECK(m.dosage_instruction[0].route->text == "oral användning");
    CHECK(m.dosage_instruction[0].dose_quantity->code == "{tablet}");
    CHECK(m.substitution_allowed == true);
    // The unknown extension is kept, not typed.
    REQUIRE(m.other_extensions.size() == 1);
    CHECK(m.other_extensions[0].value_key == "valueInteger");
    CHECK(m.other_extensions[0].value.as_int64() == 7);
}

TEST_CASE("unknown resources and members survive a round trip; writing is stable") {
    auto b = fhir::parse_bundle(golden("prescription_bundle.json")).value();
    auto written = fhir::to_json(b);
    CHECK(written.at("x-unknownElement").at("kept").as_bool());
    const auto& provenance = written.at("entry").as_array().at(2).at("resource").as_object();
    CHECK(provenance.at("resourceType").as_string() == "Provenance");
    CHECK(provenance.at("recorded").as_string() == "2025-03-03T10:15:01+01:00");

    auto again = fhir::parse_bundle(written).value();
    CHECK(again == b);
    CHECK(json::serialize(fhir::to_json(again)) == json::serialize(written));
    // The status is written under the project namespace, never under electronichealth.se.
    auto text = json::serialize(written);
    CHECK(text.find(fhir::uris::ext_nll_prescription_status) != std::string::npos);
    CHECK(text.find("electronichealth.se/fhir/StructureDefinition/nll-prescription-status") ==
          std::string::npos);
}

TEST_CASE("bundle errors name the entry") {
    auto v = fhir::parse_json_text(
                 R"({"resourceType":"Bundle","type":"searchset","entry":[{"resource":{}},{}]})")
                 .value();
    auto b = fhir::parse_bundle(v);
    REQUIRE_FALSE(b.has_value());
    CHECK(b.error().code == ncpeh::errc::fhir_malformed);
    CHECK(b.error().message.find("Bundle.entry[0]") != std::string::npos);

    auto missing = fhir::parse_bundle(
        fhir::parse_json_text(R"({"resourceType":"Bundle","entry":[{"fullUrl":"x"}]})").value());
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message == "Bundle.entry[0]: resource is required");

    auto wrong = fhir::parse_bundle(fhir::parse_json_text(R"({"resourceType":"Patient"})").value());
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().message == "Bundle: resourceType must be \"Bundle\", not \"Patient\"");
}
