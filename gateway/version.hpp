#pragma once

#include <string_view>

namespace ncpeh::gateway {

/// The release of ncpeh, as `ncpeh version` prints it and the gateway announces it.
inline constexpr std::string_view version = "0.1.0";

}  // namespace ncpeh::gateway
