#include "translators/sweden/identifier_formats.hpp"

#include <chrono>
#include <string>

#include "translators/sweden/check_digit.hpp"

namespace ncpeh::translators::sweden {

namespace {

error invalid(std::string message, std::string_view rule) {
    return make_error(errc::fhir_invalid, std::move(message)).with("rule", std::string(rule));
}

bool is_real_date_prefix(std::string_view digits8) {
    const int year = std::stoi(std::string(digits8.substr(0, 4)));
    const auto month = static_cast<unsigned>(std::stoi(std::string(digits8.substr(4, 2))));
    const auto day = static_cast<unsigned>(std::stoi(std::string(digits8.substr(6, 2))));
    return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                       std::chrono::day{day}}
        .ok();
}

result<void> validate_npl(std::string_view id, char kind_digit, std::string_view name,
                          std::string_view rule) {
    const std::string label(name);
    if (id.size() != 14 || !is_all_digits(id)) {
        return invalid(label + " must be exactly 14 digits", std::string(rule) + ".format");
    }
    if (!is_real_date_prefix(id.substr(0, 8))) {
        return invalid(label + "'s first 8 digits must be a real date (YYYYMMDD)",
                       std::string(rule) + ".date");
    }
    if (id[8] != kind_digit) {
        return invalid(label + "'s 9th digit must be " + std::string(1, kind_digit) +
                           (kind_digit == '0' ? " (product); 1 means a package id"
                                              : " (package); 0 means a product id"),
                       std::string(rule) + ".kind");
    }
    return {};
}

}  // namespace

result<void> validate_organisationsnummer(std::string_view number) {
    if (number.size() != 10 || !is_all_digits(number)) {
        return invalid("an organisationsnummer must be exactly 10 digits",
                       "organisationsnummer.format");
    }
    if (luhn_check_digit(number.substr(0, 9)) != number[9] - '0') {
        return invalid("the organisationsnummer's Luhn check digit is wrong",
                       "organisationsnummer.check_digit");
    }
    return {};
}

result<void> validate_gln(std::string_view number) {
    if (number.size() != 13 || !is_all_digits(number)) {
        return invalid("a GLN must be exactly 13 digits", "gln.format");
    }
    if (gs1_check_digit(number.substr(0, 12)) != number[12] - '0') {
        return invalid("the GLN's GS1 check digit is wrong", "gln.check_digit");
    }
    return {};
}

result<void> validate_npl_id(std::string_view id) {
    return validate_npl(id, '0', "an NPL-id", "npl_id");
}

result<void> validate_npl_pack_id(std::string_view id) {
    return validate_npl(id, '1', "an NPL-pack-id", "npl_pack_id");
}

bool has_npl_check_digit(std::string_view id) noexcept {
    return id.size() == 14 && is_all_digits(id) &&
           gs1_check_digit(id.substr(0, 13)) == id[13] - '0';
}

result<void> validate_hsa_id(std::string_view id) {
    if (id.size() > 31) {
        return invalid("an HSA-id has at most 31 characters", "hsa_id.length");
    }
    if (id.size() < 14 || id.substr(0, 2) != "SE" || !is_all_digits(id.substr(2, 10)) ||
        id[12] != '-') {
        return invalid("an HSA-id must start with SE, a 10-digit organisationsnummer and '-'",
                       "hsa_id.format");
    }
    for (char c : id.substr(13)) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!ok) {
            return invalid("an HSA-id's suffix may only hold A-Z, a-z and 0-9", "hsa_id.suffix");
        }
    }
    return {};
}

result<void> validate_forskrivarkod(std::string_view code) {
    if (code.size() != 7 || !is_all_digits(code)) {
        return invalid("a förskrivarkod must be exactly 7 digits", "forskrivarkod.format");
    }
    return {};
}

result<void> validate_varunummer(std::string_view number) {
    if (number.size() != 6 || !is_all_digits(number)) {
        return invalid("a varunummer must be exactly 6 digits", "varunummer.format");
    }
    return {};
}

}  // namespace ncpeh::translators::sweden
