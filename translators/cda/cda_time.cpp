#include "translators/cda/cda_time.hpp"

#include <cstdio>

namespace ncpeh::translators::cda {

namespace {

bool all_digits(std::string_view text) noexcept {
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

error bad_time(std::string_view value, std::string_view expected) {
    return make_error(errc::invalid_argument,
                      "\"" + std::string(value) + "\" is not " + std::string(expected))
        .with("value", std::string(value));
}

}  // namespace

std::string to_cda_time(std::chrono::system_clock::time_point at) {
    using namespace std::chrono;
    const auto second = floor<seconds>(at);
    const auto day = floor<days>(second);
    const year_month_day date{day};
    const hh_mm_ss time{second - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02u%02d%02d%02d+0000", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text;
}

result<std::string> to_cda_time(std::string_view t) {
    // YYYY-MM-DD[Thh:mm:ss[.fff](Z|±hh:mm)]
    if (t.size() < 10 || !all_digits(t.substr(0, 4)) || t[4] != '-' ||
        !all_digits(t.substr(5, 2)) || t[7] != '-' || !all_digits(t.substr(8, 2))) {
        return bad_time(t, "a FHIR date or dateTime");
    }
    std::string out =
        std::string(t.substr(0, 4)) + std::string(t.substr(5, 2)) + std::string(t.substr(8, 2));
    if (t.size() == 10) {
        return out;
    }
    if (t.size() < 19 || t[10] != 'T' || !all_digits(t.substr(11, 2)) || t[13] != ':' ||
        !all_digits(t.substr(14, 2)) || t[16] != ':' || !all_digits(t.substr(17, 2))) {
        return bad_time(t, "a FHIR dateTime");
    }
    out +=
        std::string(t.substr(11, 2)) + std::string(t.substr(14, 2)) + std::string(t.substr(17, 2));
    std::size_t rest = 19;
    if (rest < t.size() && t[rest] == '.') {
        ++rest;
        while (rest < t.size() && t[rest] >= '0' && t[rest] <= '9') {
            ++rest;
        }
    }
    std::string_view zone = t.substr(rest);
    if (zone == "Z") {
        return out + "+0000";
    }
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && all_digits(zone.substr(1, 2)) &&
        zone[3] == ':' && all_digits(zone.substr(4, 2))) {
        return out + std::string(zone.substr(0, 3)) + std::string(zone.substr(4, 2));
    }
    return bad_time(t, "a FHIR dateTime with a time zone");
}

result<std::string> to_fhir_time(std::string_view t) {
    std::size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') {
        ++digits;
    }
    if (digits < 8) {
        return bad_time(t, "a CDA timestamp");
    }
    std::string out = std::string(t.substr(0, 4)) + "-" + std::string(t.substr(4, 2)) + "-" +
                      std::string(t.substr(6, 2));
    std::string_view zone = t.substr(digits);
    if (!zone.empty() && zone[0] == '.') {  // fractional seconds: skip
        std::size_t end = 1;
        while (end < zone.size() && zone[end] >= '0' && zone[end] <= '9') {
            ++end;
        }
        zone = zone.substr(end);
    }
    const bool has_zone =
        zone.size() == 5 && (zone[0] == '+' || zone[0] == '-') && all_digits(zone.substr(1));
    if (!zone.empty() && !has_zone) {
        return bad_time(t, "a CDA timestamp");
    }
    if (digits < 12 || !has_zone) {
        return out;
    }
    out += "T" + std::string(t.substr(8, 2)) + ":" + std::string(t.substr(10, 2)) + ":" +
           (digits >= 14 ? std::string(t.substr(12, 2)) : std::string("00"));
    out += std::string(zone.substr(0, 3)) + ":" + std::string(zone.substr(3, 2));
    return out;
}

}  // namespace ncpeh::translators::cda
