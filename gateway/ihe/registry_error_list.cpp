#include "gateway/ihe/registry_error_list.hpp"

#include <algorithm>

#include "trust/xml/escape.hpp"

namespace ncpeh::gateway::ihe {

std::string_view status_uri(response_status status) noexcept {
    switch (status) {
        case response_status::success:
            return "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
        case response_status::partial_success:
            return "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
        case response_status::failure:
            break;
    }
    return "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
}

response_status status_of(std::span<const error> errors, bool has_content) noexcept {
    const bool failed = std::any_of(errors.begin(), errors.end(),
                                    [](const error& e) { return e.level == severity::error; });
    if (!failed) {
        return response_status::success;
    }
    return has_content ? response_status::partial_success : response_status::failure;
}

std::string_view severity_uri(severity level) noexcept {
    return level == severity::warning ? "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"
                                      : "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
}

void append_registry_error_list(std::string& out, std::span<const error> errors,
                                std::string_view location) {
    using trust::xml::append_escaped;
    if (errors.empty()) {
        return;
    }
    const bool any_error = std::any_of(errors.begin(), errors.end(),
                                       [](const error& e) { return e.level == severity::error; });
    out += R"(<rs:RegistryErrorList highestSeverity=")";
    out += severity_uri(any_error ? severity::error : severity::warning);
    out += R"(">)";
    for (const error& e : errors) {
        out += R"(<rs:RegistryError errorCode=")";
        append_escaped(out, ehdsi_code(e.code));
        out += R"(" codeContext=")";
        append_escaped(out, message_for_partner(e));
        out += R"(" severity=")";
        out += severity_uri(e.level);
        out += R"(" location=")";
        append_escaped(out, location);
        out += R"("/>)";
    }
    out += "</rs:RegistryErrorList>";
}

}  // namespace ncpeh::gateway::ihe
