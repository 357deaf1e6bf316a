#include "gateway/audit/patient_access.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace ncpeh::gateway::audit {

namespace {

// A non-negative number of 1 to 18 digits (fits an int64 whatever the digits).
std::optional<std::int64_t> digits_of(std::string_view text) {
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

}  // namespace

std::string format_access_cursor(const access_cursor& cursor) {
    return fmt::format("{}.{}", cursor.at_ms, cursor.seq);
}

std::optional<access_cursor> parse_access_cursor(std::string_view text) {
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) {
        return std::nullopt;
    }
    const auto at_ms = digits_of(text.substr(0, dot));
    const auto seq = digits_of(text.substr(dot + 1));
    if (!at_ms || !seq) {
        return std::nullopt;
    }
    return access_cursor{*at_ms, *seq};
}

}  // namespace ncpeh::gateway::audit
