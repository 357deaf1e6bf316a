// Test that the header is self-contained.
#include "translators/fhir/fhir_date.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
using ncpeh::translators::fhir::days_between;
using ncpeh::translators::fhir::format_fhir_date;
using ncpeh::translators::fhir::parse_fhir_date;

namespace {

std::string rule_of(std::string_view text) {
    auto r = parse_fhir_date(text);
    REQUIRE_FALSE(r.has_value());
    return std::string(r.error().context_value("rule"));
}

}  // namespace

TEST_CASE("FHIR dates and dateTimes give their calendar date as written") {
    CHECK(parse_fhir_date("2025-03-03").value() == year_month_day{year{2025}, March, day{3}});
    CHECK(parse_fhir_date("2025-03-03T10:15:00+01:00").value() ==
          year_month_day{year{2025}, March, day{3}});
    CHECK(parse_fhir_date("2024-02-29T23:59:59.123Z").value() ==
          year_month_day{year{2024}, February, day{29}});
    CHECK(format_fhir_date(year_month_day{year{2025}, March, day{3}}) == "2025-03-03");
    CHECK(days_between(year_month_day{year{2025}, March, day{3}},
                       year_month_day{year{2026}, March, day{3}}) == 365);
}

TEST_CASE("bad dates are refused with the rule") {
    CHECK(rule_of("2025-3-3") == "date.format");
    CHECK(rule_of("2025") == "date.format");
    CHECK(rule_of("03/03/2025") == "date.format");
    CHECK(rule_of("2025-02-29") == "date.calendar");
    CHECK(rule_of("2025-04-31") == "date.calendar");
    CHECK(rule_of("2025-03-03T25:00:00Z") == "date.time");
    CHECK(rule_of("2025-03-03T10:15:00") == "date.time");  // a zone is required
    CHECK(rule_of("2025-03-03 10:15:00Z") == "date.time");
    CHECK(rule_of("2025-03-03T10:15:00+1:00") == "date.time");
}
