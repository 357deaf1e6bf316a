// Test that the header is self-contained.
#include "translators/cda/cda_time.hpp"

#include <catch2/catch.hpp>

namespace cda = ncpeh::translators::cda;

TEST_CASE("FHIR and CDA times convert both ways") {
    CHECK(cda::to_cda_time("2025-03-03").value() == "20250303");
    CHECK(cda::to_cda_time("2025-03-03T10:15:00+01:00").value() == "20250303101500+0100");
    CHECK(cda::to_cda_time("2025-06-10T08:05:30.123Z").value() == "20250610080530+0000");
    CHECK_FALSE(cda::to_cda_time("2025-03-03T10:15:00").has_value());
    CHECK_FALSE(cda::to_cda_time("3 March 2025").has_value());
    CHECK(cda::to_cda_time("bad").error().code == ncpeh::errc::invalid_argument);
    CHECK(cda::to_fhir_time("20250404122129+0100").value() == "2025-04-04T12:21:29+01:00");
    CHECK(cda::to_fhir_time("20120919").value() == "2012-09-19");
    CHECK(cda::to_fhir_time("202504041221-0500").value() == "2025-04-04T12:21:00-05:00");
    CHECK(cda::to_fhir_time("20250404122129").value() == "2025-04-04");
    CHECK_FALSE(cda::to_fhir_time("2025").has_value());
    CHECK_FALSE(cda::to_fhir_time("20250404x").has_value());
}

TEST_CASE("a time point is a CDA TS in UTC") {
    using namespace std::chrono;
    const sys_days day = 2025y / March / 4;
    CHECK(cda::to_cda_time(day + 9h + 15min + 7s + 999ms) == "20250304091507+0000");
    CHECK(cda::to_cda_time(sys_days{1969y / December / 31} + 23h + 59min + 59s) ==
          "19691231235959+0000");
    CHECK(cda::to_cda_time(sys_days{2024y / February / 29}) == "20240229000000+0000");
}
