#include "gateway/log/rate_limit.hpp"

namespace ncpeh::gateway::log {

std::optional<std::int64_t> rate_limit::admit(std::chrono::steady_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (now - window_start_ >= window_) {
        window_start_ = now;
        in_window_ = 0;
    }
    if (in_window_ >= per_window_) {
        ++suppressed_;
        return std::nullopt;
    }
    ++in_window_;
    const std::int64_t held_back = suppressed_;
    suppressed_ = 0;
    return held_back;
}

}  // namespace ncpeh::gateway::log
