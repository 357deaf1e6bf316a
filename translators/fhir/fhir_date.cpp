#include "translators/fhir/fhir_date.hpp"

#include <cstdio>

namespace ncpeh::translators::fhir {

namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) {
        return false;
    }
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return true;
}

int number(std::string_view text, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

error invalid(std::string message, std::string_view rule) {
    return make_error(errc::fhir_invalid, std::move(message)).with("rule", std::string(rule));
}

bool valid_time_part(std::string_view t) {
    // hh:mm:ss[.f+](Z|±hh:mm)
    if (!(digits(t, 0, 2) && t.size() >= 8 && t[2] == ':' && digits(t, 3, 2) && t[5] == ':' &&
          digits(t, 6, 2))) {
        return false;
    }
    if (number(t, 0, 2) > 23 || number(t, 3, 2) > 59 || number(t, 6, 2) > 60) {
        return false;
    }
    std::size_t pos = 8;
    if (pos < t.size() && t[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
            ++pos;
        }
        if (pos == start) {
            return false;
        }
    }
    const auto zone = t.substr(pos);
    if (zone == "Z") {
        return true;
    }
    return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2) &&
           zone[3] == ':' && digits(zone, 4, 2) && number(zone, 1, 2) <= 14 &&
           number(zone, 4, 2) <= 59;
}

}  // namespace

result<std::chrono::year_month_day> parse_fhir_date(std::string_view text) {
    if (!(digits(text, 0, 4) && text.size() >= 10 && text[4] == '-' && digits(text, 5, 2) &&
          text[7] == '-' && digits(text, 8, 2))) {
        return invalid("a date must be written YYYY-MM-DD", "date.format");
    }
    const std::chrono::year_month_day date{
        std::chrono::year{number(text, 0, 4)},
        std::chrono::month{static_cast<unsigned>(number(text, 5, 2))},
        std::chrono::day{static_cast<unsigned>(number(text, 8, 2))}};
    if (!date.ok()) {
        return invalid("the date " + std::string(text.substr(0, 10)) + " does not exist",
                       "date.calendar");
    }
    if (text.size() == 10) {
        return date;
    }
    if (text[10] != 'T' || !valid_time_part(text.substr(11))) {
        return invalid("a dateTime must be written YYYY-MM-DDThh:mm:ss with a zone (Z or ±hh:mm)",
                       "date.time");
    }
    return date;
}

std::string format_fhir_date(std::chrono::year_month_day date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

long long days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
    return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

}  // namespace ncpeh::translators::fhir
