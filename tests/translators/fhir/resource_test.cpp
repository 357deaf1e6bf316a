// Test that the header is self-contained.
#include "translators/fhir/resource.hpp"

#include <catch2/catch.hpp>

#include "translators/fhir/uris.hpp"

namespace fhir = ncpeh::translators::fhir;

TEST_CASE("parse_json_text refuses malformed, trailing and too deep JSON") {
    auto check_bad = [](std::string_view text) {
        auto r = fhir::parse_json_text(text);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ncpeh::errc::fhir_malformed);
        CHECK(r.error().message.starts_with("malformed JSON: "));
    };
    check_bad("{\"resourceType\":");
    check_bad("{} {}");
    check_bad("");
    check_bad("{'a':1}");
    check_bad(std::string(100, '[') + std::string(100, ']'));
    CHECK(fhir::parse_json_text(" {\"a\": [1, 2.5, null]} ").has_value());
}

TEST_CASE("parse_resource picks the type; unknown types stay JSON") {
    auto patient = fhir::parse_resource(
                       fhir::parse_json_text(R"({"resourceType":"Patient","id":"p1"})").value())
                       .value();
    CHECK(fhir::resource_type_of(patient) == "Patient");
    CHECK(std::get<fhir::patient>(patient).id == "p1");

    auto list = fhir::parse_resource(
                    fhir::parse_json_text(R"({"resourceType":"List","status":"current"})").value())
                    .value();
    CHECK(fhir::resource_type_of(list) == "List");
    CHECK(fhir::to_json(list).at("status").as_string() == "current");

    auto none = fhir::parse_resource(fhir::parse_json_text(R"({"id":"x"})").value());
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().message == "resourceType is missing or not a string");
}

TEST_CASE("OperationOutcome and Consent round-trip") {
    fhir::operation_outcome o;
    o.issues.push_back({"error",
                        "not-found",
                        {{{"https://x", "unknown-prescription", ""}}, ""},
                        "no prescription with id abc",
                        {"MedicationRequest"}});
    auto back = fhir::parse_operation_outcome(fhir::to_json(o)).value();
    CHECK(back == o);
    CHECK(fhir::outcome_code(back, "https://x") == "unknown-prescription");

    fhir::consent c;
    c.id = "c1";
    c.status = "active";
    c.category = {{{{std::string(fhir::uris::consent_category_system),
                     std::string(fhir::uris::consent_category_cross_border), ""}},
                   ""}};
    c.patient.reference = "Patient/p1";
    c.provision_type = "permit";
    c.provision_period = fhir::period{"2025-01-01", "2027-12-31"};
    CHECK(fhir::parse_consent(fhir::to_json(c)).value() == c);
    CHECK(fhir::permits_cross_border(c, "2026-06-01"));
    CHECK_FALSE(fhir::permits_cross_border(c, "2028-01-01"));
    CHECK_FALSE(fhir::permits_cross_border(c, "2024-12-31"));
    c.provision_type = "deny";
    CHECK_FALSE(fhir::permits_cross_border(c, "2026-06-01"));
}
