#pragma once

#include <boost/json/value.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace ncpeh::gateway::log {

enum class level { trace, debug, info, warn, error };

/// Parses "trace" … "error"; unknown names give `info`.
level level_from_name(std::string_view name) noexcept;

/// Process-wide logging settings, set once at start-up before any thread logs.
struct settings {
    log::level minimum = level::info;
    /// When false (the default), values wrapped in `personal` are written as "[redacted]".
    bool log_personal_data = false;
};
void configure(const settings& s);

/// A value that identifies or describes a person (personnummer, name, clinical text).
/// It reaches the log only when an operator enabled `log_personal_data`.
struct personal {
    std::string value;
};

/// One key of a log line. Values are JSON, so numbers stay numbers.
struct field {
    std::string_view key;
    boost::json::value value;

    field(std::string_view k, std::string_view v) : key(k), value(v) {}
    field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
    field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
    field(std::string_view k, std::int64_t v) : key(k), value(v) {}
    field(std::string_view k, int v) : key(k), value(v) {}
    field(std::string_view k, double v) : key(k), value(v) {}
    field(std::string_view k, bool v) : key(k), value(v) {}
    field(std::string_view k, const personal& v);
};

/// Writes one JSON line per event to standard error:
/// {"ts":"…Z","level":"info","event":"xca.retrieve","correlation_id":"urn:uuid:…",…fields}.
/// Cheap to copy; carries the correlation id (WS-Addressing MessageID or a generated one) so
/// every line of a request can be found. Thread-safe.
class logger {
  public:
    explicit logger(std::string correlation_id = {}) : correlation_id_(std::move(correlation_id)) {}

    void write(level lvl, std::string_view event, std::initializer_list<field> fields = {}) const;
    void info(std::string_view event, std::initializer_list<field> fields = {}) const {
        write(level::info, event, fields);
    }
    void warn(std::string_view event, std::initializer_list<field> fields = {}) const {
        write(level::warn, event, fields);
    }
    void error(std::string_view event, std::initializer_list<field> fields = {}) const {
        write(level::error, event, fields);
    }
    void debug(std::string_view event, std::initializer_list<field> fields = {}) const {
        write(level::debug, event, fields);
    }
    const std::string& correlation_id() const noexcept { return correlation_id_; }

  private:
    std::string correlation_id_;
};

/// Renders one log line without writing it (used by `logger::write`; tested directly).
std::string format_line(level lvl, std::string_view timestamp, std::string_view correlation_id,
                        std::string_view event, std::initializer_list<field> fields);

}  // namespace ncpeh::gateway::log
