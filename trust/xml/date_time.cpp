#include "trust/xml/date_time.hpp"

#include <cstdio>

namespace ncpeh::trust::xml {

namespace {

bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& value) {
    if (pos + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

}  // namespace

result<instant> parse_date_time(std::string_view text) {
    auto bad = [&] {
        return make_error(errc::invalid_argument,
                          "not an RFC 3339 date-time with time zone: '" + std::string(text) + "'");
    };
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, day) || !(expect(text, pos, 'T') || expect(text, pos, 't')) ||
        !read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, minute) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, second)) {
        return bad();
    }
    int millis = 0;
    if (expect(text, pos, '.')) {
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return bad();
        }
        for (int d = digits; d < 3; ++d) {
            millis *= 10;
        }
    }
    int offset_minutes = 0;
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
        offset_minutes = 0;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!read_digits(text, pos, 2, oh) || !expect(text, pos, ':') ||
            !read_digits(text, pos, 2, om) || oh > 23 || om > 59) {
            return bad();
        }
        offset_minutes = sign * (oh * 60 + om);
    } else {
        return bad();
    }
    if (pos != text.size() || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) {
        return bad();
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return bad();
    }
    const auto days = std::chrono::sys_days{date};
    instant at = std::chrono::time_point_cast<std::chrono::milliseconds>(days) +
                 std::chrono::hours{hour} + std::chrono::minutes{minute} +
                 std::chrono::seconds{second} + std::chrono::milliseconds{millis} -
                 std::chrono::minutes{offset_minutes};
    return at;
}

std::string format_date_time(instant at) {
    const auto days = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss<std::chrono::milliseconds> time{at - days};
    char buffer[32];
    std::snprintf(
        buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
        static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
    return buffer;
}

}  // namespace ncpeh::trust::xml
