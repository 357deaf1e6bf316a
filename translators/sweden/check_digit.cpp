#include "translators/sweden/check_digit.hpp"

#include <algorithm>

namespace ncpeh::translators::sweden {

bool is_all_digits(std::string_view text) noexcept {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> luhn_check_digit(std::string_view digits) noexcept {
    if (!is_all_digits(digits)) {
        return std::nullopt;
    }
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int product = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += product >= 10 ? product - 9 : product;
    }
    return (10 - sum % 10) % 10;
}

std::optional<int> gs1_check_digit(std::string_view digits) noexcept {
    if (!is_all_digits(digits)) {
        return std::nullopt;
    }
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const int weight = (i % 2 == 0) ? 3 : 1;  // i counts from the right
        sum += (digits[digits.size() - 1 - i] - '0') * weight;
    }
    return (10 - sum % 10) % 10;
}

}  // namespace ncpeh::translators::sweden
