#pragma once

#include <chrono>

namespace ncpeh::translators::sweden {

/// The Swedish calendar date at `now`. Sweden is UTC+1 (+2 in summer); a day boundary an hour
/// off is harmless for prescription validity dates, so the UTC date one hour later is used
/// rather than a time-zone database.
inline std::chrono::year_month_day swedish_date(std::chrono::system_clock::time_point now) {
    return std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(now + std::chrono::hours(1)));
}

}  // namespace ncpeh::translators::sweden
