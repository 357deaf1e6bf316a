#pragma once

#include <boost/system/result.hpp>

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trust/error/error_code.hpp"

namespace ncpeh {

enum class severity { error, warning };

/// One key/value pair that locates an error: the element, the config key, the file:line.
/// Context must never hold personal data: ids of documents and messages are fine, patient
/// identifiers and names are not.
struct error_context_entry {
    std::string key;
    std::string value;

    friend bool operator==(const error_context_entry&, const error_context_entry&) = default;
};

/// The project's single error type: what went wrong (`code`, which fixes the eHDSI wire code),
/// how bad it is, a precise human message, and where. Edges render it (ebRS, SOAP fault, FHIR
/// OperationOutcome, CLI) — it is never flattened into a bare string inside the core.
struct error {
    errc code = errc::internal;
    ncpeh::severity level = ncpeh::severity::error;
    std::string message;
    std::vector<error_context_entry> context;

    /// Adds a context entry and returns *this, so errors read as one expression:
    /// `make_error(errc::xml_too_deep, "...").with("limit", "64")`.
    error& with(std::string key, std::string value) & {
        context.push_back({std::move(key), std::move(value)});
        return *this;
    }
    error&& with(std::string key, std::string value) && {
        context.push_back({std::move(key), std::move(value)});
        return std::move(*this);
    }

    /// The value of the first context entry named `key`, or empty.
    std::string_view context_value(std::string_view key) const noexcept;

    /// "xml_too_deep (ERROR_GENERIC): element nesting exceeds 64 [line=3]" — for CLI and logs.
    std::string describe() const;
};

inline error make_error(errc code, std::string message) {
    return error{code, severity::error, std::move(message), {}};
}

inline error make_warning(errc code, std::string message) {
    return error{code, severity::warning, std::move(message), {}};
}

/// Whether `code` describes a failure inside this gateway or the Swedish national side (the
/// national store down or failing, the audit trail, a bug) rather than something about the
/// request: its detail (host names, library messages) is for our log, never for a peer.
bool is_internal_cause(errc code) noexcept;

/// The message a foreign partner or a pharmacy system is shown for `e`: `e.message`, or for an
/// internal cause a neutral sentence (the wire code still says what kind of failure it was).
/// Every edge that renders an error for someone outside uses this.
std::string_view message_for_partner(const error& e) noexcept;

/// Writes `e.describe()`; lets test frameworks and `result<T>` print errors.
std::ostream& operator<<(std::ostream& out, const error& e);

/// Thrown only at boundaries (start-up, `result::value()` on an error); carries the error.
class error_exception : public std::runtime_error {
  public:
    explicit error_exception(error e) : std::runtime_error(e.describe()), error_(std::move(e)) {}
    const ncpeh::error& get() const noexcept { return error_; }

  private:
    ncpeh::error error_;
};

/// Found by argument-dependent lookup when `result<T>::value()` is called on an error.
[[noreturn]] void throw_exception_from_error(const error& e, const boost::source_location& loc);

/// The return type of every fallible stage: a value or an `ncpeh::error`.
template <class T>
using result = boost::system::result<T, error>;

}  // namespace ncpeh
