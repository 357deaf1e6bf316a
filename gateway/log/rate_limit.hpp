#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace ncpeh::gateway::log {

/// Bounds how often one kind of event is logged, so that a flood (of failed handshakes, broken
/// requests) cannot flood the log too: at most `per_window` events in each `window`; the rest
/// are counted, and the next event let through says how many were held back. Thread-safe.
class rate_limit {
  public:
    rate_limit(unsigned per_window, std::chrono::steady_clock::duration window) noexcept
        : per_window_(per_window), window_(window) {}

    /// Whether this event may be logged: then the number of events suppressed since the last one
    /// that was, otherwise nothing.
    std::optional<std::int64_t> admit(
        std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  private:
    unsigned per_window_;
    std::chrono::steady_clock::duration window_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point window_start_{};
    unsigned in_window_ = 0;
    std::int64_t suppressed_ = 0;
};

}  // namespace ncpeh::gateway::log
