#include "translators/sweden/personnummer.hpp"

#include <string>

#include "translators/sweden/check_digit.hpp"

namespace ncpeh::translators::sweden {

namespace {

int number_at(std::string_view text, std::size_t pos, std::size_t len) {
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

result<personal_identity> validate_personnummer(std::string_view number) {
    if (number.size() != 12 || !is_all_digits(number)) {
        return make_error(errc::fhir_invalid,
                          "a personnummer/samordningsnummer must be exactly 12 digits "
                          "(YYYYMMDDNNNC, no separator)")
            .with("rule", "personnummer.format");
    }
    const int year = number_at(number, 0, 4);
    const unsigned month = static_cast<unsigned>(number_at(number, 4, 2));
    unsigned day = static_cast<unsigned>(number_at(number, 6, 2));
    auto kind = personal_identity_kind::personnummer;
    if (day > 60) {
        kind = personal_identity_kind::samordningsnummer;
        day -= 60;
    }
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                           std::chrono::day{day}};
    if (!date.ok()) {
        return make_error(errc::fhir_invalid,
                          kind == personal_identity_kind::samordningsnummer
                              ? "the samordningsnummer's date (day − 60) is not a real date"
                              : "the personnummer's date is not a real date")
            .with("rule", "personnummer.date");
    }
    const auto expected = luhn_check_digit(number.substr(2, 9));
    const int actual = number[11] - '0';
    if (!expected || *expected != actual) {
        return make_error(errc::fhir_invalid,
                          "the personnummer's check digit is wrong (Luhn over YYMMDDNNN gives " +
                              std::to_string(expected.value_or(-1)) + ")")
            .with("rule", "personnummer.check_digit");
    }
    return personal_identity{kind, date};
}

}  // namespace ncpeh::translators::sweden
