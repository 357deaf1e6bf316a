#include "gateway/ncp_a/responder_settings.hpp"

#include "translators/sweden/swedish_date.hpp"

namespace ncpeh::gateway::ncp_a {

std::chrono::year_month_day today_for(const responder_settings& settings,
                                      std::chrono::system_clock::time_point now) {
    if (settings.fixed_today) {
        return *settings.fixed_today;
    }
    return translators::sweden::swedish_date(now);
}

}  // namespace ncpeh::gateway::ncp_a
