#pragma once

#include <string_view>

namespace ncpeh::gateway::ops {

// The dashboard's files (gateway/ops/dashboard/), compiled into ncpeh so that nothing has to be
// deployed beside it and nothing is fetched from elsewhere.
std::string_view dashboard_html();
std::string_view dashboard_css();
std::string_view dashboard_js();

}  // namespace ncpeh::gateway::ops
