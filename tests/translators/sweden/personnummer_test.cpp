// Test that the header is self-contained.
#include "translators/sweden/personnummer.hpp"

#include <catch2/catch.hpp>

using ncpeh::translators::sweden::personal_identity_kind;
using ncpeh::translators::sweden::validate_personnummer;
using namespace std::chrono;

namespace {

std::string rule_of(std::string_view number) {
    auto r = validate_personnummer(number);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ncpeh::errc::fhir_invalid);
    return std::string(r.error().context_value("rule"));
}

}  // namespace

TEST_CASE("worked examples V1–V3 of sweden-national-side.md §1.1 validate") {
    auto v1 = validate_personnummer("198001010019");
    REQUIRE(v1.has_value());
    CHECK(v1->kind == personal_identity_kind::personnummer);
    CHECK(v1->birth_date == year_month_day{year{1980}, January, day{1}});

    REQUIRE(validate_personnummer("197503151230").has_value());

    auto v3 = validate_personnummer("196206712348");
    REQUIRE(v3.has_value());
    CHECK(v3->kind == personal_identity_kind::samordningsnummer);
    CHECK(v3->birth_date == year_month_day{year{1962}, June, day{11}});
}

TEST_CASE("Skatteverket-style test numbers validate") {
    for (auto number : {"191212121212", "196101182803", "189002029800", "200302022389"}) {
        INFO(number);
        CHECK(validate_personnummer(number).has_value());
    }
    auto s = validate_personnummer("196109732393");
    REQUIRE(s.has_value());
    CHECK(s->kind == personal_identity_kind::samordningsnummer);
    CHECK(s->birth_date == year_month_day{year{1961}, September, day{13}});
}

TEST_CASE("worked examples I1–I3 are refused with the rule that failed") {
    CHECK(rule_of("198001010018") == "personnummer.check_digit");
    CHECK(rule_of("197503151203") == "personnummer.check_digit");
    // Luhn passes, but 2001-02-29 does not exist.
    CHECK(rule_of("200102294568") == "personnummer.date");
}

TEST_CASE("format errors: length, separators, letters, impossible days") {
    CHECK(rule_of("8001010019") == "personnummer.format");
    CHECK(rule_of("19800101-0019") == "personnummer.format");
    CHECK(rule_of("1980010100l9") == "personnummer.format");
    CHECK(rule_of("") == "personnummer.format");
    CHECK(rule_of("198013010019") == "personnummer.date");  // month 13
    CHECK(rule_of("198001320019") == "personnummer.date");  // day 32, not ≥ 61
    CHECK(rule_of("198001920019") == "personnummer.date");  // samordning day 92 − 60 = 32
}

TEST_CASE("the error message never repeats the number") {
    auto r = validate_personnummer("198001010018");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("198001010018") == std::string::npos);
    CHECK(r.error().message.find("gives 9") != std::string::npos);
}
