#include "gateway/log/json_log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

namespace ncpeh::gateway::log {

namespace {

std::atomic<level> minimum_level{level::info};
std::atomic<bool> personal_data_allowed{false};

spdlog::logger& sink() {
    // One stderr sink for the process; spdlog serialises concurrent writers.
    static const std::shared_ptr<spdlog::logger> instance = [] {
        auto created = std::make_shared<spdlog::logger>(
            "ncpeh", std::make_shared<spdlog::sinks::stderr_sink_mt>());
        created->set_pattern("%v");
        created->set_level(spdlog::level::trace);
        created->flush_on(spdlog::level::trace);
        return created;
    }();
    return *instance;
}

std::string_view name_of(level lvl) {
    switch (lvl) {
        case level::trace:
            return "trace";
        case level::debug:
            return "debug";
        case level::info:
            return "info";
        case level::warn:
            return "warn";
        case level::error:
            return "error";
    }
    return "info";
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const auto since_epoch =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(since_epoch / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];  // room for any int values, so GCC sees no truncation
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(since_epoch % 1000));
    return text;
}

}  // namespace

level level_from_name(std::string_view name) noexcept {
    for (level lvl : {level::trace, level::debug, level::info, level::warn, level::error}) {
        if (name_of(lvl) == name) {
            return lvl;
        }
    }
    return level::info;
}

void configure(const settings& s) {
    minimum_level = s.minimum;
    personal_data_allowed = s.log_personal_data;
}

field::field(std::string_view k, const personal& v)
    : key(k), value(personal_data_allowed ? std::string_view(v.value) : "[redacted]") {}

std::string format_line(level lvl, std::string_view timestamp, std::string_view correlation_id,
                        std::string_view event, std::initializer_list<field> fields) {
    boost::json::object line;
    line["ts"] = timestamp;
    line["level"] = name_of(lvl);
    line["event"] = event;
    if (!correlation_id.empty()) {
        line["correlation_id"] = correlation_id;
    }
    for (const field& f : fields) {
        line[f.key] = f.value;
    }
    return boost::json::serialize(line);
}

void logger::write(level lvl, std::string_view event, std::initializer_list<field> fields) const {
    if (lvl < minimum_level.load(std::memory_order_relaxed)) {
        return;
    }
    sink().log(spdlog::level::info, format_line(lvl, utc_now(), correlation_id_, event, fields));
}

}  // namespace ncpeh::gateway::log
