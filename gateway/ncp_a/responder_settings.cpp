#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a {

std::chrono::year_month_day today_for(const responder_settings& settings,
                                      std::chrono::system_clock::time_point now) {
    if (settings.fixed_today) {
        return *settings.fixed_today;
    }
    // Sweden is UTC+1 (+2 in summer); a day boundary an hour off is harmless for validity
    // dates, so the UTC date plus one hour is used rather than a time-zone database.
    return std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(now + std::chrono::hours(1)));
}

}  // namespace ncpeh::gateway::ncp_a
