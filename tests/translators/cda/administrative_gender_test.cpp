#include "translators/cda/administrative_gender.hpp"

#include <catch2/catch.hpp>

namespace cda = ncpeh::translators::cda;

TEST_CASE("HL7 AdministrativeGender and FHIR gender map both ways") {
    CHECK(cda::hl7_gender_of("male") == "M");
    CHECK(cda::hl7_gender_of("female") == "F");
    CHECK(cda::hl7_gender_of("other") == "UN");
    CHECK(cda::hl7_gender_of("") == "UN");
    CHECK(cda::fhir_gender_of("M") == "male");
    CHECK(cda::fhir_gender_of("F") == "female");
    CHECK(cda::fhir_gender_of("UN") == "other");
    CHECK(cda::fhir_gender_of("X") == "unknown");
    CHECK(cda::is_fhir_gender("unknown"));
    CHECK_FALSE(cda::is_fhir_gender("M"));
    CHECK_FALSE(cda::is_fhir_gender(""));
}
