// Test that the header is self-contained.
#include "translators/sweden/validate_resources.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_files.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/uris.hpp"

namespace fhir = ncpeh::translators::fhir;
namespace se = ncpeh::translators::sweden;

namespace {

boost::json::value golden(const std::string& name) {
    auto text = ncpeh::testing::read_file(ncpeh::testing::source_dir() /
                                          "tests/translators/fhir/golden" / name);
    return fhir::parse_json_text(text).value();
}

fhir::medication_request golden_request() {
    auto b = fhir::parse_bundle(golden("prescription_bundle.json")).value();
    return *fhir::resources_of<fhir::medication_request>(b).at(0);
}

fhir::patient golden_patient() {
    auto b = fhir::parse_bundle(golden("prescription_bundle.json")).value();
    return *fhir::resources_of<fhir::patient>(b).at(0);
}

/// The rules of all problems of severity error, in order.
std::vector<std::string> error_rules(const se::validation_report& report) {
    std::vector<std::string> rules;
    for (const auto& p : report.problems) {
        if (p.level == ncpeh::severity::error) {
            rules.emplace_back(p.context_value("rule"));
        }
    }
    return rules;
}

using rules = std::vector<std::string>;

}  // namespace

TEST_CASE("the golden patient and prescription are valid") {
    auto p = se::validate_patient(golden_patient());
    CHECK(p.ok());
    CHECK(p.problems.empty());
    auto m = se::validate_medication_request(golden_request());
    CHECK(m.ok());
    CHECK(m.problems.empty());
}

TEST_CASE("patient rules") {
    auto p = golden_patient();
    p.identifiers[0].value = "191212121213";
    CHECK(error_rules(se::validate_patient(p)) == rules{"personnummer.check_digit"});

    p = golden_patient();
    p.birth_date = "1912-12-13";
    CHECK(error_rules(se::validate_patient(p)) == rules{"patient.birth_date"});

    p = golden_patient();
    p.identifiers[0].value = "196109732393";  // a samordningsnummer under the pnr system
    p.birth_date = "1961-09-13";
    CHECK(error_rules(se::validate_patient(p)) == rules{"personnummer.system"});
    p.identifiers[0].system = std::string(fhir::uris::samordningsnummer);
    CHECK(se::validate_patient(p).ok());

    p.identifiers.clear();
    auto report = se::validate_patient(p);
    CHECK(error_rules(report) == rules{"patient.identifier"});
    CHECK(report.first_error().message ==
          "Patient.identifier: needs a personnummer or samordningsnummer");
}

TEST_CASE("prescription rules: identifiers") {
    auto m = golden_request();
    m.prescriber->identifiers[0].value = "123456";
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"forskrivarkod.format"});

    m = golden_request();
    m.prescriber_location->identifiers[0].value = "2321000017";
    CHECK(error_rules(se::validate_medication_request(m)) ==
          rules{"organisationsnummer.check_digit"});

    m = golden_request();
    m.medication->identifiers[0].value = "20990101000013";  // a product id where a pack id goes
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"npl_pack_id.kind"});

    m = golden_request();
    m.medication->identifiers[0].value = "20990101100011";  // check digit off: warning only
    auto report = se::validate_medication_request(m);
    CHECK(report.ok());
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].level == ncpeh::severity::warning);
    CHECK(report.problems[0].context_value("rule") == "npl_pack_id.check_digit");

    m = golden_request();
    m.dispense_request->workplace_code = "40000X";
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"arbetsplatskod.format"});
}

TEST_CASE("prescription rules: dates, quantities, status") {
    auto m = golden_request();
    m.dispense_request->validity_period->end = "2025-03-02";
    CHECK(error_rules(se::validate_medication_request(m)) ==
          rules{"dates.validity_end", "dates.validity_order"});

    m = golden_request();
    m.authored_on = "2025-02-30T10:00:00+01:00";
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"date.calendar"});

    m = golden_request();
    m.dispense_request->number_of_dispenses_allowed = 0;
    m.dispense_request->number_of_repeats_allowed = -1;
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"quantity.dispenses"});

    m = golden_request();
    m.dispense_request->number_of_repeats_allowed = 5;
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"quantity.repeats"});

    m = golden_request();
    m.dispense_request->number_of_packages_prescribed = 0;
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"quantity.packages"});

    m = golden_request();
    m.dispense_request->dispense_interval->code = "wk";
    m.remaining_dispenses = 4;
    CHECK(error_rules(se::validate_medication_request(m)) ==
          rules{"quantity.remaining", "quantity.interval_unit"});

    m = golden_request();
    m.dosage_instruction[0].dose_quantity->value = 0;
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"quantity.positive"});

    m = golden_request();
    m.status = "completed";  // contradicts the Swedish status aktiv
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"medication_request.status"});

    m = golden_request();
    m.requester.reference = "#someone-else";
    CHECK(error_rules(se::validate_medication_request(m)) == rules{"medication_request.requester"});
}

TEST_CASE("dispense rules, both variants") {
    auto d = fhir::parse_medication_dispense(golden("dispense.json")).value();
    CHECK(se::validate_medication_dispense(d).problems.empty());

    auto paper = fhir::parse_medication_dispense(golden("paper_dispense.json")).value();
    CHECK(se::validate_medication_dispense(paper).problems.empty());

    auto broken = d;
    broken.actor_dispatch_id.clear();
    broken.quantity->value = -1;
    broken.location->reference = "Location/7350099999995";
    broken.when_handed_over = "2025-03-04";
    CHECK(error_rules(se::validate_medication_dispense(broken)) ==
          rules{"dispense.actor_dispatch_id", "quantity.positive", "date.time", "gln.check_digit"});

    broken = d;
    broken.authorizing_prescription.clear();
    CHECK(error_rules(se::validate_medication_dispense(broken)) == rules{"dispense.authorizing"});

    // A foreign pharmacy of a cross-border dispense is a contained Location, never a bare "#".
    auto foreign = d;
    foreign.cross_border = true;
    foreign.location->reference = "#pharmacy";
    foreign.other_contained.push_back(
        boost::json::object{{"resourceType", "Location"}, {"id", "pharmacy"}});
    CHECK(se::validate_medication_dispense(foreign).problems.empty());
    foreign.location->reference = "#elsewhere";
    CHECK(error_rules(se::validate_medication_dispense(foreign)) == rules{"dispense.location"});
    foreign.location->reference = "#pharmacy";
    foreign.cross_border = false;
    CHECK(error_rules(se::validate_medication_dispense(foreign)) == rules{"dispense.location"});

    broken = paper;
    broken.paper_prescription->prescriber.reference = "#nobody";
    broken.paper_prescription->issued = "2025-06-01";
    CHECK(error_rules(se::validate_medication_dispense(broken)) ==
          rules{"dispense.paper_prescriber", "dates.issued_after_dispense"});
}

TEST_CASE("consent rules") {
    fhir::consent c;
    c.status = "active";
    c.patient.reference = "Patient/p1";
    c.category = {{{{std::string(fhir::uris::consent_category_system),
                     std::string(fhir::uris::consent_category_cross_border), ""}},
                   ""}};
    c.provision_type = "permit";
    c.provision_period = fhir::period{"2025-01-01", "2027-01-01"};
    CHECK(se::validate_consent(c).problems.empty());
    c.provision_period->end = "2024-01-01";
    c.status = "on";
    c.category.clear();
    CHECK(error_rules(se::validate_consent(c)) ==
          rules{"consent.status", "consent.category", "dates.validity_order"});
}
