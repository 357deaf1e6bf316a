#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::gateway::ops {

/// The transactions of the last 24 hours, per minute and partner country: what the dashboard
/// draws for the day (the page itself only sees the minutes it has been open). 1,440 minutes of
/// a few partners each: a few hundred kilobytes at most. Thread-safe.
class traffic_history {
  public:
    static constexpr std::chrono::minutes span{24 * 60};

    /// Counts one transaction that ended at `at`.
    void add(std::string_view partner, bool failed, std::chrono::system_clock::time_point at);

    struct counts {
        std::uint64_t all = 0;
        std::uint64_t failed = 0;
    };
    struct minute {
        std::chrono::sys_time<std::chrono::minutes> at;
        std::map<std::string, counts, std::less<>> by_partner;
    };
    /// The minutes with transactions within `span` before `now`, oldest first.
    std::vector<minute> minutes(std::chrono::system_clock::time_point now) const;

    /// `{"minutes": [{"at": "2026-12-07T09:41Z", "partners": {"FI": [all, failed]}}]}`.
    std::string json(std::chrono::system_clock::time_point now) const;

  private:
    mutable std::mutex mutex_;
    std::map<std::chrono::sys_time<std::chrono::minutes>, minute> minutes_;
};

}  // namespace ncpeh::gateway::ops
